// The enterprise's insurance policies, newest first, a page at a time; each opens to its claims,
// and one with cover left offers to file a claim.
import { Button, Modal, Space } from 'antd';
import { type HTMLAttributes, useState } from 'react';

import { ErrorAlert } from '../../../components/ErrorAlert';
import { AssetList, ClaimsTable, type Policy, POLICY_FIELDS, remainingFen } from '../../../components/Insurance';
import { PagedTable } from '../../../components/PagedTable';
import { yuan } from '../../../format';
import { usePages } from '../../../hooks/usePages';
import { useI18n } from '../../../i18n';
import { ClaimForm } from './ClaimForm';

const POLICIES = `query OwnPolicies($first: Int, $after: String) {
  insurancePolicies(first: $first, after: $after) { edges { node { ${POLICY_FIELDS} } } pageInfo { hasNextPage endCursor } }
}`;

interface Answer {
  insurancePolicies: { edges: { node: Policy }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export function PolicyList() {
  const { t, label, lang } = useI18n();
  const pages = usePages<Answer, Policy>(POLICIES, {}, (d) => d.insurancePolicies, 20);
  const [claiming, setClaiming] = useState<Policy>();
  return (
    <Space orientation="vertical" className="full-width">
      <ErrorAlert error={pages.error} />
      <PagedTable<Policy>
        pages={pages}
        minWidth={1260}
        label={t('nav.policies')}
        locale={{ emptyText: t('finance.noPolicies') }}
        onRow={(p) => ({ 'data-testid': 'own-policy-row', 'data-id': p.id }) as HTMLAttributes<HTMLElement>}
        expandable={{ expandedRowRender: (p) => <ClaimsTable claims={p.claims} /> }}
        columns={[
          { title: t('policies.product'), width: 130, render: (_, p) => label('InsuranceProduct', p.product) },
          { title: t('policies.insurer'), dataIndex: ['insuranceCompany', 'name'], width: 140 },
          { title: t('policies.covered'), width: 300, render: (_, p) => <AssetList assets={p.coveredAssets} /> },
          { title: t('policies.sumInsured'), width: 140, align: 'right', render: (_, p) => yuan(p.sumInsured, lang) },
          { title: t('policies.paidOut'), width: 130, align: 'right', render: (_, p) => yuan(p.paidOut, lang) },
          { title: t('policies.period'), width: 200, render: (_, p) => t('finance.period', { start: p.period.startDate, end: p.period.endDate }) },
          {
            title: t('common.actions'),
            width: 120,
            render: (_, p) =>
              remainingFen(p) > 0n ? (
                <Button size="small" data-testid="claim-open" onClick={() => setClaiming(p)}>
                  {t('finance.fileClaim')}
                </Button>
              ) : (
                t('finance.exhausted')
              ),
          },
        ]}
      />
      <Modal open={claiming !== undefined} title={t('finance.fileClaim')} footer={null} onCancel={() => setClaiming(undefined)} destroyOnHidden>
        {claiming && <ClaimForm policy={claiming} onFiled={() => setClaiming(undefined)} />}
      </Modal>
    </Space>
  );
}
