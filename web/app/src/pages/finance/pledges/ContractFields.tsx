// The signed contract a pledge, or its amendment, is applied for on: the day it was signed and the
// file, hashed in the browser and never uploaded (ContractFile). Form items `contractDate` and
// `contractDigest`; the date picker has test id `<testId>-date`, the file input `testId`.
import { DatePicker, Form } from 'antd';
import type { Dayjs } from 'dayjs';

import { ContractFile } from '../../../components/ContractFile';
import { afterToday, isoDay } from '../../../dates';
import { useI18n } from '../../../i18n';

export interface ContractValues {
  contractDate: Dayjs;
  contractDigest: string;
}

/** The fields as the API's PledgeContractInput. */
export const contractOf = (f: ContractValues) => ({ date: isoDay(f.contractDate), digest: f.contractDigest });

/**
 * ContractFile as a form control: its digest is the value. It is checked once hashed (onHashed),
 * not as a new file starts hashing, so the form does not cry "missing" while it hashes.
 */
function DigestInput({ testId, onChange, onHashed }: { testId: string; onChange?: (digest: string | undefined) => void; onHashed?: () => void }) {
  return (
    <ContractFile
      testId={testId}
      onDigest={(digest) => {
        onChange?.(digest);
        if (digest !== undefined) onHashed?.();
      }}
    />
  );
}

export function ContractFields({ testId }: { testId: string }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="contractDate" label={t('pledges.contractDate')} rules={[{ required: true, message: t('pledges.contractDateRequired') }]}>
        <DatePicker className="full-width" disabledDate={afterToday} data-testid={`${testId}-date`} />
      </Form.Item>
      {/* Not kept once the file input is gone: a form opened again has no file chosen. */}
      <Form.Item name="contractDigest" preserve={false} validateTrigger="onHashed" rules={[{ required: true, message: t('contract.required') }]}>
        <DigestInput testId={testId} />
      </Form.Item>
    </>
  );
}
