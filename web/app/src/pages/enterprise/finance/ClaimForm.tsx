// Filing a claim on one of the enterprise's policies: the amount in yuan (sent as fen), and for
// infringement-loss and enforcement-cost policies the protection case the loss arose in.
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';

import { mutate, USER_ERRORS } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { CASE_PRODUCTS, type Policy, remainingFen } from '../../../components/Insurance';
import { fenOf, yuan } from '../../../format';
import { useIdempotencyKey } from '../../../hooks/useIdempotencyKey';
import { useGraphQL } from '../../../hooks/usePages';
import { useI18n } from '../../../i18n';

const FILE_CLAIM = `mutation FileInsuranceClaim($input: FileInsuranceClaimInput!) { insuranceClaimFile(input: $input) { claim { id status amount } ${USER_ERRORS} } }`;

// The cases a claim may name: the enterprise's newest, which the page offers to choose from.
const CASES = `query ClaimCases($first: Int) { protectionCases(first: $first) { edges { node { id kind summary state appliedAt } } } }`;

interface CaseChoice {
  readonly id: string;
  readonly kind: string;
  readonly summary: string;
  readonly state: string;
}

interface Fields {
  amount: string;
  protectionCaseId?: string;
}

export function ClaimForm({ policy, onFiled }: { policy: Policy; onFiled: () => void }) {
  const { t, label, lang } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const needsCase = CASE_PRODUCTS.includes(policy.product);
  const cases = useGraphQL<{ protectionCases: { edges: { node: CaseChoice }[] } }>(CASES, { first: 100 });
  const left = remainingFen(policy);

  const submit = async (fields: Fields) => {
    setBusy(true);
    setError(undefined);
    try {
      await mutate(FILE_CLAIM, {
        input: { policyId: policy.id, amount: fenOf(fields.amount), protectionCaseId: fields.protectionCaseId || null, idempotencyKey },
      });
      renewKey();
      void message.success(t('finance.claimFiled'));
      await queries.invalidateQueries();
      onFiled();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Fields> layout="vertical" onFinish={(v) => void submit(v)} data-testid="claim-form">
      <Typography.Paragraph>
        {label('InsuranceProduct', policy.product)} · {policy.insuranceCompany.name} · {t('finance.remaining', { amount: yuan(left.toString(), lang) })}
      </Typography.Paragraph>
      <Form.Item
        name="amount"
        label={t('finance.claimAmount')}
        extra={t('finance.amountHelp')}
        rules={[
          { required: true, message: t('finance.amountRequired') },
          {
            validator: async (_, value: string | undefined) => {
              if (!value) return;
              const fen = fenOf(value);
              if (fen === undefined || BigInt(fen) <= 0n) throw new Error(t('finance.amountFormat'));
              if (BigInt(fen) > left) throw new Error(t('finance.amountOver', { amount: yuan(left.toString(), lang) }));
            },
          },
        ]}
      >
        <Input data-testid="claim-amount" inputMode="decimal" suffix={t('finance.yuan')} />
      </Form.Item>
      <Form.Item
        name="protectionCaseId"
        label={t('finance.protectionCase')}
        extra={needsCase ? t('finance.caseRequiredHelp') : t('finance.caseOptionalHelp')}
        rules={[{ required: needsCase, message: t('finance.caseRequired') }]}
      >
        <Select
          data-testid="claim-case"
          allowClear
          loading={cases.isFetching}
          showSearch={{ optionFilterProp: 'label' }}
          options={(cases.data?.protectionCases.edges ?? []).map(({ node: c }) => ({
            value: c.id,
            label: `${label('ProtectionKind', c.kind)} · ${label('ProtectionState', c.state)} · ${c.summary.slice(0, 40)}`,
          }))}
        />
      </Form.Item>
      <ErrorAlert error={error ?? cases.error} />
      <Button data-testid="claim-submit" type="primary" htmlType="submit" loading={busy} className="form-submit">
        {t('finance.fileClaim')}
      </Button>
    </Form>
  );
}
