// A pledge's consents (Civil Code art. 444: a pledged right is transferred or licensed only with
// the pledgee's consent): those recorded, and, on a registered pledge, the pledgee bank (or
// centre staff) recording one: which asset of the collateral, a transfer or a licence, and to
// which enterprise. The centre then registers that disposal, and no other.
import { Button, Form, Input, Radio, Space, Table } from 'antd';
import { type HTMLAttributes, useState } from 'react';

import { mutate, USER_ERRORS } from '../../../api';
import { EnterpriseLookup, type Party } from '../../../components/EnterpriseLookup';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { dateTime } from '../../../format';
import { useAction } from '../../../hooks/useAction';
import { useI18n } from '../../../i18n';

export const CONSENT_FIELDS = `consents { id asset { kind: rightKind id } disposal counterparty { id name } grantedAt grantedBy note }`;

const CONSENT = `mutation Consent($input: ConsentToDisposalInput!) { pledgeConsentRecord(input: $input) { pledge { id } ${USER_ERRORS} } }`;
const DISPOSALS = ['TRANSFER', 'LICENCE'] as const;

export interface Consent {
  readonly id: string;
  readonly asset: { readonly kind: string; readonly id: string };
  readonly disposal: string;
  /** null for a caller who may read the consent but not that enterprise. */
  readonly counterparty: { readonly id: string; readonly name: string } | null;
  readonly grantedAt: string;
  readonly grantedBy: string;
  readonly note: string | null;
}

interface Fields {
  asset: string;
  disposal: string;
  note?: string;
}

export function ConsentList({ consents }: { consents: readonly Consent[] }) {
  const { t, label, lang } = useI18n();
  return (
    <ScrollRegion label={t('consents.title')} minWidth={760}>
      <Table<Consent>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...consents]}
        locale={{ emptyText: t('consents.none') }}
        onRow={(c) => ({ 'data-testid': 'consent-row', 'data-disposal': c.disposal, 'data-asset': c.asset.id }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('consents.asset'), width: 220, render: (_, c) => `${label('RightKind', c.asset.kind)} ${c.asset.id}` },
          { title: t('consents.disposal'), width: 90, render: (_, c) => label('Disposal', c.disposal) },
          { title: t('consents.counterparty'), render: (_, c) => c.counterparty?.name ?? '—' },
          { title: t('consents.grantedAt'), width: 170, render: (_, c) => dateTime(c.grantedAt, lang) },
          { title: t('pledges.note'), render: (_, c) => c.note ?? '' },
        ]}
      />
    </ScrollRegion>
  );
}

export function ConsentForm({ pledgeId, collateral }: { pledgeId: string; collateral: readonly { readonly kind: string; readonly id: string }[] }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Fields>();
  const action = useAction();
  const [counterparty, setCounterparty] = useState<Party>();
  const [tried, setTried] = useState(false);
  const submit = async (f: Fields) => {
    setTried(true);
    if (counterparty === undefined) return;
    const [kind, ...id] = f.asset.split(':');
    const done = await action.run(() =>
      mutate(CONSENT, {
        input: {
          pledgeId,
          asset: { rightKind: kind, id: id.join(':') },
          disposal: f.disposal,
          counterpartyId: counterparty.id,
          ...(f.note?.trim() ? { note: f.note.trim() } : {}),
        },
      }),
    );
    if (done === undefined) return;
    form.resetFields();
    setCounterparty(undefined);
    setTried(false);
  };
  const first = collateral[0];
  return (
    <Form<Fields>
      form={form}
      layout="vertical"
      className="narrow-form"
      data-testid="consent-form"
      initialValues={{ disposal: 'LICENCE', ...(first ? { asset: `${first.kind}:${first.id}` } : {}) }}
      onFinish={(v) => void submit(v)}
      onFinishFailed={() => setTried(true)}
    >
      <Form.Item name="asset" label={t('consents.asset')} rules={[{ required: true, message: t('consents.assetRequired') }]}>
        <Radio.Group
          className="collateral-options"
          options={collateral.map((a) => ({ value: `${a.kind}:${a.id}`, label: `${label('RightKind', a.kind)} ${a.id}` }))}
        />
      </Form.Item>
      <Form.Item name="disposal" label={t('consents.disposal')}>
        <Radio.Group options={DISPOSALS.map((d) => ({ value: d, label: label('Disposal', d) }))} optionType="button" />
      </Form.Item>
      <EnterpriseLookup testId="consent-to" label={t('consents.counterparty')} value={counterparty} onChange={setCounterparty} missing={tried} />
      <Form.Item name="note" label={t('pledges.note')}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="consent-note" />
      </Form.Item>
      {action.error !== undefined && (
        <Form.Item>
          <ErrorAlert error={action.error} />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={action.busy} data-testid="consent-submit">
        {t('consents.submit')}
      </Button>
    </Form>
  );
}

/** A pledge opened in the list: its consents and, while it is registered, the consent form. */
export function PledgeConsents({
  pledge,
}: {
  pledge: { id: string; state: string; collateral: readonly { kind: string; id: string }[]; consents: readonly Consent[] };
}) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" className="full-width" data-testid="pledge-consents">
      <h3 className="section-title">{t('consents.title')}</h3>
      <ConsentList consents={pledge.consents} />
      {pledge.state === 'REGISTERED' && (
        <>
          <h3 className="section-title">{t('consents.record')}</h3>
          <p>{t('consents.explain')}</p>
          <ConsentForm pledgeId={pledge.id} collateral={pledge.collateral} />
        </>
      )}
    </Space>
  );
}
