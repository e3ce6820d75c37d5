// Transfers (转让登记) and licences (许可备案) of patents and trademarks, recorded by centre staff:
// the right, the counterparty found by its credit code, the contract's date and its SHA-256
// (the contract hashed here, never uploaded); a licence's kind, territory, term and royalty.
// Each is a ledger entry, answered with its certificate. The registry's record of a right opens
// this page with the right filled in (?form=licence&kind=PATENT&number=…).
import { Alert, Button, Card, DatePicker, Form, Input, Radio, Select, Space, Tabs } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';

import { mutate, USER_ERRORS } from '../../api';
import { CertificateActions, type Receipt } from '../../components/Certificate';
import { ContractFile } from '../../components/ContractFile';
import { EnterpriseLookup, type Party } from '../../components/EnterpriseLookup';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { afterToday, isoDay, todayValue } from '../../dates';
import { fenOf } from '../../format';
import { useAction } from '../../hooks/useAction';
import { useIdempotencyKey } from '../../hooks/useIdempotencyKey';
import { useI18n } from '../../i18n';

const TRANSFER = `mutation RegisterTransfer($input: RegisterTransferInput!) {
  transferRegister(input: $input) { transfer { id right { kind: rightKind number } to { name } receipt { seq entryHash timestamp } certificate } ${USER_ERRORS} }
}`;
const LICENCE = `mutation RegisterLicence($input: RegisterLicenceInput!) {
  licenceRegister(input: $input) { licence { id right { kind: rightKind number } kind licensee { name } receipt { seq entryHash timestamp } certificate } ${USER_ERRORS} }
}`;

const KINDS = ['PATENT', 'TRADEMARK'] as const;
const LICENCE_KINDS = ['EXCLUSIVE', 'SOLE', 'ORDINARY'] as const;
/** A GB/T 2260 code (province, city or county), or CN for the whole country. */
const PLACE = /^(\d{6}|CN)$/;

interface Recorded {
  readonly id: string;
  readonly right: { readonly kind: string; readonly number: string };
  readonly receipt: Receipt;
  readonly certificate: unknown;
}

interface RightFields {
  kind: 'PATENT' | 'TRADEMARK';
  number: string;
  contractDate: Dayjs;
}

interface LicenceFields extends RightFields {
  licenceKind: string;
  territory: string[];
  term: [Dayjs, Dayjs];
  royalty?: string;
  royaltyTerms?: string;
}

function RightInputs() {
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

function ContractDate() {
  const { t } = useI18n();
  return (
    <Form.Item name="contractDate" label={t('disposals.contractDate')} rules={[{ required: true, message: t('lifecycle.dateRequired') }]}>
      <DatePicker className="full-width" disabledDate={afterToday} />
    </Form.Item>
  );
}

function Result({ recorded, testId, line }: { recorded: Recorded; testId: string; line: string }) {
  const { t, label } = useI18n();
  return (
    <Alert
      type="success"
      showIcon
      data-testid={testId}
      data-seq={recorded.receipt.seq}
      title={line}
      description={
        <CertificateActions
          title={t(testId === 'transfer-registered' ? 'disposals.transferTitle' : 'disposals.licenceTitle', {
            number: `${label('RightKind', recorded.right.kind)} ${recorded.right.number}`,
          })}
          receipt={recorded.receipt}
          certificate={recorded.certificate}
        />
      }
    />
  );
}

function TransferForm({ initial }: { initial: Partial<RightFields> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<RightFields>();
  const action = useAction();
  const [to, setTo] = useState<Party>();
  const [digest, setDigest] = useState<string>();
  const [tried, setTried] = useState(false);
  const [recorded, setRecorded] = useState<Recorded & { to: { name: string } | null }>();
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const submit = async (f: RightFields) => {
    setTried(true);
    if (to === undefined || digest === undefined) return;
    const done = await action.run(() =>
      mutate<Recorded & { to: { name: string } | null }>(TRANSFER, {
        input: {
          right: { rightKind: f.kind, number: f.number.trim() },
          toEnterpriseId: to.id,
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
      <Form<RightFields>
        form={form}
        layout="vertical"
        className="narrow-form"
        initialValues={{ kind: 'PATENT', contractDate: todayValue(), ...initial }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={() => setTried(true)}
        data-testid="transfer-form"
      >
        <RightInputs />
        <EnterpriseLookup testId="transfer-to" label={t('disposals.transferee')} value={to} onChange={setTo} missing={tried} />
        <ContractDate />
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
          line={t('disposals.transferred', { number: recorded.right.number, to: recorded.to?.name ?? '', seq: recorded.receipt.seq })}
        />
      )}
    </Space>
  );
}

function LicenceForm({ initial }: { initial: Partial<RightFields> }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<LicenceFields>();
  const action = useAction();
  const [licensee, setLicensee] = useState<Party>();
  const [digest, setDigest] = useState<string>();
  const [tried, setTried] = useState(false);
  const [recorded, setRecorded] = useState<Recorded & { licensee: { name: string } | null; kind: string }>();
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const submit = async (f: LicenceFields) => {
    setTried(true);
    if (licensee === undefined || digest === undefined) return;
    const royalty = f.royalty?.trim() ? fenOf(f.royalty) : undefined;
    const done = await action.run(() =>
      mutate<Recorded & { licensee: { name: string } | null; kind: string }>(LICENCE, {
        input: {
          right: { rightKind: f.kind, number: f.number.trim() },
          licenseeId: licensee.id,
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
        initialValues={{ kind: 'PATENT', contractDate: todayValue(), licenceKind: 'ORDINARY', territory: ['CN'], ...initial }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={() => setTried(true)}
        data-testid="licence-form"
      >
        <RightInputs />
        <EnterpriseLookup testId="licence-to" label={t('disposals.licensee')} value={licensee} onChange={setLicensee} missing={tried} />
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
            to: recorded.licensee?.name ?? '',
            kind: label('LicenceKind', recorded.kind),
            seq: recorded.receipt.seq,
          })}
        />
      )}
    </Space>
  );
}

export default function Disposals() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('form') === 'licence' ? 'licence' : 'transfer';
  const kind = params.get('kind');
  const initial: Partial<RightFields> = {
    ...(kind === 'PATENT' || kind === 'TRADEMARK' ? { kind } : {}),
    ...(params.get('number') ? { number: params.get('number')! } : {}),
  };
  // A fresh form for each right the page is opened with.
  const key = `${kind}-${params.get('number') ?? ''}`;
  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading title={t('disposals.title')} intro={t('disposals.intro')} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(next) => setParams((p) => (p.set('form', next), p), { replace: true })}
          items={[
            { key: 'transfer', label: t('disposals.registerTransfer'), children: <TransferForm key={key} initial={initial} /> },
            { key: 'licence', label: t('disposals.registerLicence'), children: <LicenceForm key={key} initial={initial} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
