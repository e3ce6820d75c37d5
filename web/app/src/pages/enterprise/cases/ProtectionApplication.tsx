// Applying for rights-protection assistance or dispute resolution, as this enterprise: the kind
// and route, a summary, one or more respondents, one or more rights, and deposits to cite.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';

import { mutate, USER_ERRORS } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useIdempotencyKey } from '../../../hooks/useIdempotencyKey';
import { useI18n } from '../../../i18n';
import type { Own } from './own';

const APPLY = `mutation ApplyForProtection($input: ApplyForProtectionInput!) { protectionCaseFile(input: $input) { case { id state } ${USER_ERRORS} } }`;

const KINDS = ['INFRINGEMENT', 'OWNERSHIP', 'CONTRACT'] as const;
const ROUTES = ['MEDIATION', 'ARBITRATION', 'ADMINISTRATIVE_ADJUDICATION', 'COURT_REFERRAL'] as const;
const RIGHT_KINDS = ['PATENT', 'TRADEMARK', 'COPYRIGHT'] as const;
type RightKind = (typeof RIGHT_KINDS)[number];

interface Fields {
  kind: string;
  route: string;
  summary: string;
  respondents: { name: string }[];
  ipRights: { kind: RightKind; number: string }[];
  evidenceIds?: string[];
}

/** The enterprise's own rights of a kind, as choices for the number (any other may be typed). */
function rightOptions(own: Own, kind: RightKind | undefined) {
  if (kind === 'PATENT') return own.patents.map((p) => ({ value: p.applicationNumber, label: `${p.applicationNumber} ${p.title}` }));
  if (kind === 'TRADEMARK') return own.trademarks.map((m) => ({ value: m.registrationNumber, label: `${m.registrationNumber} ${m.mark}` }));
  if (kind === 'COPYRIGHT') return own.copyrights.map((c) => ({ value: c.registrationNumber, label: `${c.registrationNumber} ${c.title}` }));
  return [];
}

export function ProtectionApplication({ own, onApplied }: { own: Own; onApplied: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const rights = Form.useWatch('ipRights', form);

  const submit = async (fields: Fields) => {
    setBusy(true);
    setError(undefined);
    try {
      await mutate(APPLY, {
        input: {
          kind: fields.kind,
          route: fields.route,
          summary: fields.summary.trim(),
          claimant: { name: own.name, enterpriseId: own.id },
          respondents: fields.respondents.map((r) => ({ name: r.name.trim() })),
          ipRights: fields.ipRights.map((r) => ({ rightKind: r.kind, number: r.number.trim() })),
          evidenceIds: fields.evidenceIds ?? [],
          idempotencyKey,
        },
      });
      void message.success(t('cases.applied'));
      renewKey();
      form.resetFields();
      await queries.invalidateQueries();
      onApplied();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Fields>
      form={form}
      layout="vertical"
      className="narrow-form"
      initialValues={{ kind: 'INFRINGEMENT', route: 'MEDIATION', respondents: [{ name: '' }], ipRights: [{ kind: 'PATENT', number: '' }] }}
      onFinish={(v) => void submit(v)}
      data-testid="protection-application"
    >
      <Form.Item label={t('protection.claimant')}>
        <Input value={own.name} disabled aria-label={t('protection.claimant')} />
      </Form.Item>
      <Form.Item name="kind" label={t('protection.kind')} rules={[{ required: true }]}>
        <Select data-testid="protection-kind" options={KINDS.map((k) => ({ value: k, label: label('ProtectionKind', k) }))} />
      </Form.Item>
      <Form.Item name="route" label={t('protection.route')} rules={[{ required: true }]}>
        <Select data-testid="protection-route" options={ROUTES.map((r) => ({ value: r, label: label('ResolutionRoute', r) }))} />
      </Form.Item>
      <Form.Item name="summary" label={t('protection.summary')} rules={[{ required: true, whitespace: true, message: t('cases.summaryRequired') }]}>
        <Input.TextArea data-testid="protection-summary" rows={4} maxLength={2000} showCount />
      </Form.Item>
      <fieldset className="form-group">
        <legend>{t('protection.respondents')}</legend>
        <Form.List name="respondents">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <div key={field.key} className="list-row">
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('cases.respondentRequired') }]}>
                    <Input data-testid="protection-respondent" aria-label={t('cases.respondentN', { n: i + 1 })} maxLength={200} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('cases.removeRespondent', { n: i + 1 })}
                    />
                  )}
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
                {t('cases.addRespondent')}
              </Button>
            </>
          )}
        </Form.List>
      </fieldset>
      <fieldset className="form-group">
        <legend>{t('protection.rights')}</legend>
        <Form.List name="ipRights">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <div key={field.key} className="list-row list-row-kind">
                  <Form.Item name={[field.name, 'kind']} rules={[{ required: true }]}>
                    <Select
                      aria-label={t('cases.rightKindN', { n: i + 1 })}
                      className="full-width"
                      options={RIGHT_KINDS.map((k) => ({ value: k, label: label('RightKind', k) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'number']} rules={[{ required: true, whitespace: true, message: t('cases.rightRequired') }]}>
                    <AutoComplete
                      data-testid="protection-right"
                      aria-label={t('cases.rightNumberN', { n: i + 1 })}
                      className="full-width"
                      options={rightOptions(own, rights?.[i]?.kind)}
                    />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('cases.removeRight', { n: i + 1 })} />
                  )}
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'PATENT', number: '' })}>
                {t('cases.addRight')}
              </Button>
            </>
          )}
        </Form.List>
      </fieldset>
      <Form.Item name="evidenceIds" label={t('cases.evidence')} extra={t('cases.evidenceHelp')}>
        <Select
          data-testid="protection-evidence"
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={(own.evidence ?? []).map((e) => ({ value: e.id, label: e.title }))}
        />
      </Form.Item>
      <Form.Item>
        <ErrorAlert error={error} />
      </Form.Item>
      <Button data-testid="protection-submit" type="primary" htmlType="submit" loading={busy}>
        {t('cases.applySubmit')}
      </Button>
    </Form>
  );
}
