// Insurance policies for insurers (those they issued) and centre staff (every one): a page at a
// time, each opening to its claims, where a FILED claim may be paid or rejected.
import { Button, Popconfirm, Space } from 'antd';
import { type HTMLAttributes, useState } from 'react';

import { mutate, USER_ERRORS } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AssetList, type Claim, ClaimsTable, type Policy, POLICY_FIELDS } from '../../components/Insurance';
import { PagedTable } from '../../components/PagedTable';
import { PageHeading } from '../../components/PageHeading';
import { yuan } from '../../format';
import { usePages } from '../../hooks/usePages';
import { useI18n } from '../../i18n';

const POLICIES = `query Policies($first: Int, $after: String) {
  insurancePolicies(first: $first, after: $after) { edges { node { ${POLICY_FIELDS} } } pageInfo { hasNextPage endCursor } }
}`;

const SETTLE = `mutation SettleInsuranceClaim($input: SettleInsuranceClaimInput!) { insuranceClaimSettle(input: $input) { claim { id status settledAt } ${USER_ERRORS} } }`;

interface Answer {
  insurancePolicies: { edges: { node: Policy }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export default function Policies() {
  const { t, label, lang } = useI18n();
  const [settling, setSettling] = useState<string>();
  const [error, setError] = useState<unknown>();
  const pages = usePages<Answer, Policy>(POLICIES, {}, (d) => d.insurancePolicies, 20);

  const settle = async (policy: Policy, claim: Claim, decision: 'PAID' | 'REJECTED') => {
    setSettling(claim.id);
    setError(undefined);
    try {
      await mutate(SETTLE, { input: { policyId: policy.id, claimId: claim.id, decision } });
      pages.reload();
    } catch (err) {
      setError(err);
    } finally {
      setSettling(undefined);
    }
  };

  const actions = (policy: Policy) => (claim: Claim) =>
    claim.status === 'FILED' && (
      <Space wrap>
        <Popconfirm
          title={t('policies.payConfirm', { amount: yuan(claim.amount, lang) })}
          okText={t('policies.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={{ 'data-testid': 'claim-pay-confirm' }}
          onConfirm={() => settle(policy, claim, 'PAID')}
        >
          <Button size="small" type="primary" data-testid="claim-pay" loading={settling === claim.id}>
            {t('policies.pay')}
          </Button>
        </Popconfirm>
        <Popconfirm
          title={t('policies.rejectConfirm')}
          okText={t('policies.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={{ 'data-testid': 'claim-reject-confirm' }}
          onConfirm={() => settle(policy, claim, 'REJECTED')}
        >
          <Button size="small" data-testid="claim-reject" loading={settling === claim.id}>
            {t('policies.reject')}
          </Button>
        </Popconfirm>
      </Space>
    );

  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading title={t('policies.title')} intro={t('policies.intro')} extra={<Button onClick={pages.reload}>{t('common.reload')}</Button>} />
      <ErrorAlert error={error ?? pages.error} />
      <PagedTable<Policy>
        pages={pages}
        minWidth={1400}
        label={t('nav.policies')}
        locale={{ emptyText: t('policies.noPolicies') }}
        onRow={(p) => ({ 'data-testid': 'policy-row', 'data-id': p.id }) as HTMLAttributes<HTMLElement>}
        expandable={{ expandedRowRender: (p) => <ClaimsTable claims={p.claims} actions={actions(p)} /> }}
        columns={[
          { title: t('policies.insured'), width: 200, render: (_, p) => p.insured.name },
          { title: t('policies.product'), width: 130, render: (_, p) => label('InsuranceProduct', p.product) },
          { title: t('policies.insurer'), width: 160, dataIndex: ['insuranceCompany', 'name'] },
          { title: t('policies.covered'), width: 280, render: (_, p) => <AssetList assets={p.coveredAssets} /> },
          { title: t('policies.premium'), width: 120, align: 'right', render: (_, p) => yuan(p.premium, lang) },
          { title: t('policies.sumInsured'), width: 140, align: 'right', render: (_, p) => yuan(p.sumInsured, lang) },
          { title: t('policies.paidOut'), width: 130, align: 'right', render: (_, p) => yuan(p.paidOut, lang) },
          { title: t('policies.period'), width: 200, render: (_, p) => t('finance.period', { start: p.period.startDate, end: p.period.endDate }) },
          {
            title: t('policies.claims'),
            width: 130,
            render: (_, p) => t('policies.claimsCount', { n: p.claims.length, filed: p.claims.filter((c) => c.status === 'FILED').length }),
          },
        ]}
      />
    </Space>
  );
}
