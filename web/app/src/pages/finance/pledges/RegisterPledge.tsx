// Registering a pledge: find the pledgor by its credit code, choose collateral among its rights,
// give the secured amount and term. A bank registers as itself; centre staff name the bank.
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';

import { graphql, mutate, USER_ERRORS } from '../../../api';
import { CertificateActions, type Receipt } from '../../../components/Certificate';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fenOf } from '../../../format';
import { useIdempotencyKey } from '../../../hooks/useIdempotencyKey';
import type { Connection } from '../../../hooks/usePages';
import { useI18n } from '../../../i18n';

// The first 100 of each: collateral is picked among them.
const PLEDGOR = `query Pledgor($uscc: String!) {
  enterpriseByCreditCode(uscc: $uscc) { id name
    patents(first: 100) { edges { node { applicationNumber title status } } }
    trademarks(first: 100) { edges { node { registrationNumber mark } } } }
}`;

const REGISTER = `mutation Register($input: RegisterPledgeInput!) {
  pledgeRegister(input: $input) { pledge { id registrationNumber registrationReceipt { seq entryHash timestamp } registrationCertificate } ${USER_ERRORS} }
}`;

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

interface Registered {
  readonly id: string;
  readonly registrationNumber: string;
  readonly registrationReceipt: Receipt;
  readonly registrationCertificate: unknown;
}

interface Fields {
  amount: string;
  term: [Dayjs, Dayjs];
  pledgee?: string;
  note?: string;
}

export function RegisterPledge({ asStaff, onRegistered }: { asStaff: boolean; onRegistered: () => void }) {
  const { t, label } = useI18n();
  const [uscc, setUscc] = useState('');
  const [pledgor, setPledgor] = useState<Pledgor | null>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [registered, setRegistered] = useState<Registered>();
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const [form] = Form.useForm<Fields>();
  // Kept beside the form: a checkbox group inside Form.Item gets ARIA attributes a group may not carry.
  const [collateral, setCollateral] = useState<string[]>([]);
  const [missingCollateral, setMissingCollateral] = useState(false);

  const find = async () => {
    setError(undefined);
    setRegistered(undefined);
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
      const registered = await mutate<Registered>(REGISTER, {
        input: {
          pledgorId: pledgor.id,
          ...(asStaff ? { pledgee: fields.pledgee?.trim() } : {}),
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
      setRegistered(registered);
      renewKey();
      form.resetFields();
      setCollateral([]);
      onRegistered();
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
    <Card size="small" title={<h2 className="card-title">{t('pledges.register')}</h2>}>
      <Space orientation="vertical" className="full-width">
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
          <Form<Fields> form={form} layout="vertical" onFinish={(v) => void register(v)}>
            <p>
              {t('pledges.pledgor')}: <strong>{pledgor.name}</strong>
            </p>
            <fieldset className="plain-fieldset">
              <legend>{t('pledges.collateral')}</legend>
              <Checkbox.Group options={options} value={collateral} onChange={(v) => setCollateral(v)} className="collateral-options" />
              {missingCollateral && <Typography.Text type="danger">{t('pledges.collateralRequired')}</Typography.Text>}
            </fieldset>
            {asStaff && (
              <Form.Item name="pledgee" label={t('pledges.pledgee')} rules={[{ required: true, whitespace: true, message: t('pledges.pledgeeRequired') }]}>
                <Input />
              </Form.Item>
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
            <Form.Item name="note" label={t('pledges.note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="pledge-submit">
              {t('pledges.submit')}
            </Button>
          </Form>
        )}
        {registered && (
          <Alert
            type="success"
            showIcon
            data-testid="pledge-registered"
            title={t('pledges.registered', { number: registered.registrationNumber, seq: registered.registrationReceipt.seq })}
            description={
              <CertificateActions
                title={registered.registrationNumber}
                receipt={registered.registrationReceipt}
                certificate={registered.registrationCertificate}
              />
            }
          />
        )}
      </Space>
    </Card>
  );
}
