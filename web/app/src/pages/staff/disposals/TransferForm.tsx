// A transfer (转让登记): the right, the transferee, the contract, and the day it takes effect; a
// trademark's identical registrations in its class moving with it. A later effective date leaves
// the transfer pending (待生效) until then.
import { Button, DatePicker, Form, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';

import { mutate, USER_ERRORS } from '../../../api';
import { ContractFile } from '../../../components/ContractFile';
import type { Party } from '../../../components/EnterpriseLookup';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ToneTag } from '../../../components/ToneTag';
import { isoDay, todayValue } from '../../../dates';
import { useAction } from '../../../hooks/useAction';
import { useIdempotencyKey } from '../../../hooks/useIdempotencyKey';
import { useI18n } from '../../../i18n';
import { chosenParty, Counterparty, COUNTERPARTY_DEFAULTS, type CounterpartyFields } from './Counterparty';
import { ContractDate, type Recorded, Result, type RightFields, RightInputs } from './fields';
import { SameMarkInClass, useSameMarkInClass } from './SameMark';

const TRANSFER = `mutation RegisterTransfer($input: RegisterTransferInput!) {
  transferRegister(input: $input) {
    transfer { id state effectiveDate right { kind: rightKind number } to { name } toOutside { name } together { number }
      receipt { seq entryHash timestamp } certificate }
    ${USER_ERRORS}
  }
}`;

interface TransferFields extends RightFields, CounterpartyFields {
  effectiveDate: Dayjs;
}

interface Transferred extends Recorded {
  readonly state: 'PENDING' | 'EFFECTIVE';
  readonly effectiveDate: string;
  readonly to: { readonly name: string } | null;
  readonly toOutside: { readonly name: string } | null;
  readonly together: readonly { readonly number: string }[];
}

function TransferLine({ recorded }: { recorded: Transferred }) {
  const { t, label } = useI18n();
  const values = { number: recorded.right.number, to: recorded.to?.name ?? recorded.toOutside?.name ?? '', seq: recorded.receipt.seq };
  return (
    <>
      <span data-testid="transfer-state" data-state={recorded.state}>
        <ToneTag tone={recorded.state === 'PENDING' ? 'orange' : 'green'}>{label('TransferState', recorded.state)}</ToneTag>
      </span>{' '}
      {recorded.state === 'PENDING' ? t('disposals.transferPending', { ...values, date: recorded.effectiveDate }) : t('disposals.transferred', values)}
      {recorded.together.length > 0 && <div>{t('disposals.together', { numbers: recorded.together.map((r) => r.number).join('、') })}</div>}
    </>
  );
}

export function TransferForm({ initial }: { initial: Partial<RightFields> }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<TransferFields>();
  const action = useAction();
  const [to, setTo] = useState<Party>();
  const [digest, setDigest] = useState<string>();
  const [tried, setTried] = useState(false);
  const [left, setLeft] = useState<string[]>([]);
  const [recorded, setRecorded] = useState<Transferred>();
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const others = useSameMarkInClass(Form.useWatch('kind', form), Form.useWatch('number', form));
  const submit = async (f: TransferFields) => {
    setTried(true);
    const party = chosenParty(f, to);
    if (party === undefined || digest === undefined) return;
    const also = others.filter((n) => !left.includes(n));
    const done = await action.run(() =>
      mutate<Transferred>(TRANSFER, {
        input: {
          right: { rightKind: f.kind, number: f.number.trim() },
          ...('outside' in party ? { toOutsideParty: party.outside } : { toEnterpriseId: party.enterpriseId }),
          contractDate: isoDay(f.contractDate),
          effectiveDate: isoDay(f.effectiveDate),
          contractDigest: digest,
          ...(also.length > 0 ? { alsoTrademarks: also } : {}),
          idempotencyKey,
        },
      }),
    );
    if (done === undefined) return;
    setRecorded(done);
    renewKey();
  };
  return (
    <Space orientation="vertical" className="full-width">
      <Form<TransferFields>
        form={form}
        layout="vertical"
        className="narrow-form"
        initialValues={{ kind: 'PATENT', contractDate: todayValue(), effectiveDate: todayValue(), ...COUNTERPARTY_DEFAULTS, ...initial }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={() => setTried(true)}
        data-testid="transfer-form"
      >
        <RightInputs />
        <SameMarkInClass others={others} left={left} onLeft={setLeft} />
        <Counterparty prefix="transfer" who={t('disposals.transferee')} enterprise={to} onEnterprise={setTo} missing={tried} />
        <ContractDate />
        <div data-testid="transfer-effective-date">
          <Form.Item
            name="effectiveDate"
            label={t('disposals.effectiveDate')}
            extra={t('disposals.effectiveDateHelp')}
            dependencies={['contractDate']}
            rules={[
              { required: true, message: t('lifecycle.dateRequired') },
              ({ getFieldValue }) => ({
                validator: async (_, d: Dayjs | undefined) => {
                  const signed = getFieldValue('contractDate') as Dayjs | undefined;
                  if (d && signed && d.isBefore(signed, 'day')) throw new Error(t('disposals.effectiveBeforeContract'));
                },
              }),
            ]}
          >
            <DatePicker className="full-width" />
          </Form.Item>
        </div>
        <ContractFile testId="transfer-contract" onDigest={setDigest} missing={tried} />
        {action.error !== undefined && (
          <Form.Item>
            <ErrorAlert error={action.error} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={action.busy} data-testid="transfer-submit">
          {t('disposals.submitTransfer')}
        </Button>
      </Form>
      {recorded && (
        <Result
          recorded={recorded}
          testId="transfer-registered"
          line={<TransferLine recorded={recorded} />}
          title={t('disposals.transferTitle', { number: `${label('RightKind', recorded.right.kind)} ${recorded.right.number}` })}
        />
      )}
    </Space>
  );
}
