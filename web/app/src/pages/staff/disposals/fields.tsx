// What the transfer and licence forms share: the right, the contract's date, and the answer with
// its certificate.
import { Alert, DatePicker, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';

import { CertificateActions, type Receipt } from '../../../components/Certificate';
import { afterToday } from '../../../dates';
import { useI18n } from '../../../i18n';

const KINDS = ['PATENT', 'TRADEMARK'] as const;

export interface Recorded {
  readonly id: string;
  readonly right: { readonly kind: string; readonly number: string };
  readonly receipt: Receipt;
  readonly certificate: unknown;
}

export interface RightFields {
  kind: 'PATENT' | 'TRADEMARK';
  number: string;
  contractDate: Dayjs;
}

export function RightInputs() {
  const { t, label } = useI18n();
  return (
    <>
      <Form.Item name="kind" label={t('disposals.rightKind')}>
        <Radio.Group options={KINDS.map((k) => ({ value: k, label: label('RightKind', k) }))} optionType="button" />
      </Form.Item>
      <Form.Item
        name="number"
        label={t('disposals.rightNumber')}
        extra={t('disposals.rightNumberHelp')}
        rules={[{ required: true, whitespace: true, message: t('disposals.rightNumberRequired') }]}
      >
        <Input className="mono" maxLength={32} autoComplete="off" data-testid="disposal-number" />
      </Form.Item>
    </>
  );
}

export function ContractDate() {
  const { t } = useI18n();
  return (
    <Form.Item name="contractDate" label={t('disposals.contractDate')} rules={[{ required: true, message: t('lifecycle.dateRequired') }]}>
      <DatePicker className="full-width" disabledDate={afterToday} />
    </Form.Item>
  );
}

/** What was recorded, in a line, with its certificate under the title it is saved with. */
export function Result({ recorded, testId, line, title }: { recorded: Recorded; testId: string; line: ReactNode; title: string }) {
  return (
    <Alert
      type="success"
      showIcon
      data-testid={testId}
      data-seq={recorded.receipt.seq}
      title={line}
      description={<CertificateActions title={title} receipt={recorded.receipt} certificate={recorded.certificate} />}
    />
  );
}
