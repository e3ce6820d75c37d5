// Applying for a pledge (专利权质押登记办法 art. 7(1)): find the pledgor by its credit code, choose
// collateral among its rights, give the secured amount, the term and the signed contract. A bank or
// guarantee institution proposes as itself, and the pledgor confirms; centre staff register a
// paper application both parties signed, naming the pledgee.
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Radio, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';

import { graphql, mutate, USER_ERRORS } from '../../../api';
import { CertificateActions, type Receipt } from '../../../components/Certificate';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fenOf } from '../../../format';
import { useIdempotencyKey } from '../../../hooks/useIdempotencyKey';
import type { Connection } from '../../../hooks/usePages';
import { useI18n } from '../../../i18n';
import { ContractFields, contractOf, type ContractValues } from './ContractFields';

// The first 100 of each: collateral is picked among them.
const PLEDGOR = `query Pledgor($uscc: String!) {
  enterpriseByCreditCode(uscc: $uscc) { id name
    patents(first: 100) { edges { node { applicationNumber title status } } }
    trademarks(first: 100) { edges { node { registrationNumber mark } } } }
}`;

const MADE = `pledge { id registrationNumber state registrationReceipt { seq entryHash timestamp } registrationCertificate } ${USER_ERRORS}`;
const REGISTER = `mutation Register($input: RegisterPledgeInput!) { pledgeRegister(input: $input) { ${MADE} } }`;
const PROPOSE = `mutation Propose($input: ProposePledgeInput!) { pledgePropose(input: $input) { ${MADE} } }`;

const PLEDGEE_KINDS = ['BANK', 'GUARANTOR'] as const;

interface Pledgor {
  readonly id: string;
  readonly name: string;
  readonly patents: readonly { applicationNumber: string; title: string; status: string }[];
  readonly trademarks: readonly { registrationNumber: string; mark: string }[];
}

type Found = Omit<Pledgor, 'patents' | 'trademarks'> & {
  readonly patents: Connection<Pledgor['patents'][number]>;
  readonly trademarks: Connection<Pledgor['trademarks'][number]>;
};

/** A proposal is not on the ledger yet: no receipt until the pledgor confirms it. */
interface Made {
  readonly id: string;
  readonly registrationNumber: string;
  readonly state: string;
  readonly registrationReceipt: Receipt | null;
  readonly registrationCertificate: unknown;
}

interface Fields extends ContractValues {
  amount: string;
  term: [Dayjs, Dayjs];
  pledgee?: string;
  pledgeeKind?: (typeof PLEDGEE_KINDS)[number];
  note?: string;
}

/** `onMade` is told the new pledge's state: REGISTERED from staff, PROPOSED from a pledgee. */
export function RegisterPledge({ asStaff, onMade }: { asStaff: boolean; onMade: (state: string) => void }) {
  const { t, label } = useI18n();
  const [uscc, setUscc] = useState('');
  const [pledgor, setPledgor] = useState<Pledgor | null>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<Made>();
  // Bumped after each pledge made, for a fresh contract file input.
  const [round, setRound] = useState(0);
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const [form] = Form.useForm<Fields>();
  // Kept beside the form: a checkbox group inside Form.Item gets ARIA attributes a group may not carry.
  const [collateral, setCollateral] = useState<string[]>([]);
  const [missingCollateral, setMissingCollateral] = useState(false);

  const find = async () => {
    setError(undefined);
    setMade(undefined);
    try {
      const { enterpriseByCreditCode: found } = await graphql<{ enterpriseByCreditCode: Found | null }>(PLEDGOR, { uscc: uscc.trim() });
      setPledgor(found && { ...found, patents: found.patents.edges.map((e) => e.node), trademarks: found.trademarks.edges.map((e) => e.node) });
    } catch (err) {
      setError(err);
    }
  };
  const register = async (fields: Fields) => {
    if (!pledgor) return;
    setMissingCollateral(collateral.length === 0);
    if (collateral.length === 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const pledge = await mutate<Made>(asStaff ? REGISTER : PROPOSE, {
        input: {
          pledgorId: pledgor.id,
          ...(asStaff ? { pledgee: fields.pledgee?.trim(), pledgeeKind: fields.pledgeeKind } : {}),
          contract: contractOf(fields),
          collateral: collateral.map((c) => {
            const [kind, id] = c.split(':') as [string, string];
            return { rightKind: kind, id };
          }),
          securedAmount: fenOf(fields.amount),
          term: { startDate: fields.term[0].format('YYYY-MM-DD'), endDate: fields.term[1].format('YYYY-MM-DD') },
          ...(fields.note?.trim() ? { note: fields.note.trim() } : {}),
          idempotencyKey,
        },
      });
      setMade(pledge);
      renewKey();
      form.resetFields();
      setCollateral([]);
      setRound((r) => r + 1);
      onMade(pledge.state);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const options = pledgor
    ? [
        ...pledgor.patents.map((p) => ({
          value: `PATENT:${p.applicationNumber}`,
          label: `${label('RightKind', 'PATENT')} ${p.applicationNumber} ${p.title}`,
        })),
        ...pledgor.trademarks.map((m) => ({
          value: `TRADEMARK:${m.registrationNumber}`,
          label: `${label('RightKind', 'TRADEMARK')} ${m.registrationNumber} ${m.mark}`,
        })),
      ]
    : [];

  return (
    <Card size="small" title={<h2 className="card-title">{t(asStaff ? 'pledges.registerPaper' : 'pledges.propose')}</h2>}>
      <Space orientation="vertical" className="full-width">
        <Typography.Text type="secondary">{t(asStaff ? 'pledges.registerPaperIntro' : 'pledges.proposeIntro')}</Typography.Text>
        <Space.Compact className="full-width">
          <Input
            aria-label={t('pledges.pledgorUscc')}
            placeholder={t('pledges.pledgorUscc')}
            value={uscc}
            onChange={(e) => setUscc(e.target.value)}
            onPressEnter={() => void find()}
            data-testid="pledge-uscc"
          />
          <Button onClick={() => void find()} data-testid="pledge-find">
            {t('pledges.find')}
          </Button>
        </Space.Compact>
        {pledgor === null && <Alert type="warning" showIcon title={t('pledges.noSuchEnterprise')} />}
        <ErrorAlert error={error} />
        {pledgor && (
          <Form<Fields> form={form} layout="vertical" initialValues={{ pledgeeKind: 'BANK' }} onFinish={(v) => void register(v)}>
            <p>
              {t('pledges.pledgor')}: <strong>{pledgor.name}</strong>
            </p>
            <fieldset className="plain-fieldset">
              <legend>{t('pledges.collateral')}</legend>
              <Checkbox.Group options={options} value={collateral} onChange={(v) => setCollateral(v)} className="collateral-options" />
              {missingCollateral && <Typography.Text type="danger">{t('pledges.collateralRequired')}</Typography.Text>}
            </fieldset>
            {asStaff && (
              <>
                <Form.Item name="pledgee" label={t('pledges.pledgee')} rules={[{ required: true, whitespace: true, message: t('pledges.pledgeeRequired') }]}>
                  <Input data-testid="pledge-pledgee" />
                </Form.Item>
                <Form.Item name="pledgeeKind" label={t('pledges.pledgeeKind')}>
                  <Radio.Group options={PLEDGEE_KINDS.map((k) => ({ value: k, label: label('PledgeeKind', k) }))} optionType="button" />
                </Form.Item>
              </>
            )}
            <Form.Item
              name="amount"
              label={t('pledges.amount')}
              rules={[
                { required: true, message: t('pledges.amountRequired') },
                {
                  validator: async (_, v: string) =>
                    v === undefined || fenOf(v) !== undefined ? undefined : Promise.reject(new Error(t('pledges.amountInvalid'))),
                },
              ]}
            >
              <Input inputMode="decimal" suffix={t('pledges.yuan')} data-testid="pledge-amount" />
            </Form.Item>
            <div data-testid="pledge-term">
              <Form.Item name="term" label={t('pledges.term')} rules={[{ required: true, message: t('pledges.termRequired') }]}>
                <DatePicker.RangePicker className="full-width" />
              </Form.Item>
            </div>
            <ContractFields key={round} testId="pledge-contract" />
            <Form.Item name="note" label={t('pledges.note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="pledge-submit">
              {t(asStaff ? 'pledges.submit' : 'pledges.submitProposal')}
            </Button>
          </Form>
        )}
        {made?.registrationReceipt && (
          <Alert
            type="success"
            showIcon
            data-testid="pledge-registered"
            title={t('pledges.registered', { number: made.registrationNumber, seq: made.registrationReceipt.seq })}
            description={<CertificateActions title={made.registrationNumber} receipt={made.registrationReceipt} certificate={made.registrationCertificate} />}
          />
        )}
        {made?.state === 'PROPOSED' && (
          <Alert type="success" showIcon data-testid="pledge-proposed" title={t('pledges.proposed', { number: made.registrationNumber })} />
        )}
      </Space>
    </Card>
  );
}
