// A licence (许可备案): the right, the licensee, its kind, territory and term, the royalty and
// the contract.
import { Button, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';

import { mutate, USER_ERRORS } from '../../../api';
import { ContractFile } from '../../../components/ContractFile';
import type { Party } from '../../../components/EnterpriseLookup';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { isoDay, todayValue } from '../../../dates';
import { fenOf } from '../../../format';
import { useAction } from '../../../hooks/useAction';
import { useIdempotencyKey } from '../../../hooks/useIdempotencyKey';
import { useI18n } from '../../../i18n';
import { chosenParty, Counterparty, COUNTERPARTY_DEFAULTS, type CounterpartyFields } from './Counterparty';
import { ContractDate, type Recorded, Result, type RightFields, RightInputs } from './fields';

const LICENCE = `mutation RegisterLicence($input: RegisterLicenceInput!) {
  licenceRegister(input: $input) {
    licence { id right { kind: rightKind number } kind licensee { name } outsideLicensee { name } receipt { seq entryHash timestamp } certificate }
    ${USER_ERRORS}
  }
}`;

const LICENCE_KINDS = ['EXCLUSIVE', 'SOLE', 'ORDINARY'] as const;
/** A GB/T 2260 code (province, city or county), or CN for the whole country. */
const PLACE = /^(\d{6}|CN)$/;

interface LicenceFields extends RightFields, CounterpartyFields {
  licenceKind: string;
  territory: string[];
  term: [Dayjs, Dayjs];
  royalty?: string;
  royaltyTerms?: string;
}

interface Licensed extends Recorded {
  readonly kind: string;
  readonly licensee: { readonly name: string } | null;
  readonly outsideLicensee: { readonly name: string } | null;
}

export function LicenceForm({ initial }: { initial: Partial<RightFields> }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<LicenceFields>();
  const action = useAction();
  const [licensee, setLicensee] = useState<Party>();
  const [digest, setDigest] = useState<string>();
  const [tried, setTried] = useState(false);
  const [recorded, setRecorded] = useState<Licensed>();
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const submit = async (f: LicenceFields) => {
    setTried(true);
    const party = chosenParty(f, licensee);
    if (party === undefined || digest === undefined) return;
    const royalty = f.royalty?.trim() ? fenOf(f.royalty) : undefined;
    const done = await action.run(() =>
      mutate<Licensed>(LICENCE, {
        input: {
          right: { rightKind: f.kind, number: f.number.trim() },
          ...('outside' in party ? { outsideLicensee: party.outside } : { licenseeId: party.enterpriseId }),
          kind: f.licenceKind,
          territory: f.territory.map((c) => c.trim().toUpperCase()),
          term: { startDate: isoDay(f.term[0]), endDate: isoDay(f.term[1]) },
          ...(royalty === undefined ? {} : { royalty }),
          ...(f.royaltyTerms?.trim() ? { royaltyTerms: f.royaltyTerms.trim() } : {}),
          contractDate: isoDay(f.contractDate),
          contractDigest: digest,
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
      <Form<LicenceFields>
        form={form}
        layout="vertical"
        className="narrow-form"
        initialValues={{ kind: 'PATENT', contractDate: todayValue(), licenceKind: 'ORDINARY', territory: ['CN'], ...COUNTERPARTY_DEFAULTS, ...initial }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={() => setTried(true)}
        data-testid="licence-form"
      >
        <RightInputs />
        <Counterparty prefix="licence" who={t('disposals.licensee')} enterprise={licensee} onEnterprise={setLicensee} missing={tried} />
        <Form.Item name="licenceKind" label={t('disposals.kind')} extra={t('disposals.kindHelp')}>
          <Radio.Group options={LICENCE_KINDS.map((k) => ({ value: k, label: label('LicenceKind', k) }))} />
        </Form.Item>
        <Form.Item
          name="territory"
          label={t('disposals.territory')}
          extra={t('disposals.territoryHelp')}
          rules={[
            { required: true, type: 'array', min: 1, max: 50, message: t('disposals.territoryRequired') },
            {
              validator: async (_, codes: string[] | undefined) => {
                const bad = (codes ?? []).find((c) => !PLACE.test(c.trim().toUpperCase()));
                if (bad !== undefined) throw new Error(t('disposals.territoryInvalid', { code: bad }));
              },
            },
          ]}
        >
          <Select
            data-testid="licence-territory"
            aria-label={t('disposals.territory')}
            mode="tags"
            open={false}
            suffixIcon={null}
            tokenSeparators={[',', '，', '、', ' ', ';', '；']}
          />
        </Form.Item>
        <div data-testid="licence-term">
          <Form.Item name="term" label={t('disposals.term')} rules={[{ required: true, message: t('disposals.termRequired') }]}>
            <DatePicker.RangePicker className="full-width" />
          </Form.Item>
        </div>
        <Form.Item
          name="royalty"
          label={t('disposals.royaltyAmount')}
          rules={[
            {
              validator: async (_, v: string | undefined) => {
                if (v?.trim() && fenOf(v) === undefined) throw new Error(t('pledges.amountInvalid'));
              },
            },
          ]}
        >
          <Input inputMode="decimal" suffix={t('pledges.yuan')} data-testid="licence-royalty" />
        </Form.Item>
        <Form.Item name="royaltyTerms" label={t('disposals.royaltyTerms')}>
          <Input maxLength={500} placeholder={t('disposals.royaltyTermsExample')} />
        </Form.Item>
        <ContractDate />
        <ContractFile testId="licence-contract" onDigest={setDigest} missing={tried} />
        {action.error !== undefined && (
          <Form.Item>
            <ErrorAlert error={action.error} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={action.busy} data-testid="licence-submit">
          {t('disposals.submitLicence')}
        </Button>
      </Form>
      {recorded && (
        <Result
          recorded={recorded}
          testId="licence-registered"
          line={t('disposals.licensed', {
            number: recorded.right.number,
            to: recorded.licensee?.name ?? recorded.outsideLicensee?.name ?? '',
            kind: label('LicenceKind', recorded.kind),
            seq: recorded.receipt.seq,
          })}
          title={t('disposals.licenceTitle', { number: `${label('RightKind', recorded.right.kind)} ${recorded.right.number}` })}
        />
      )}
    </Space>
  );
}
