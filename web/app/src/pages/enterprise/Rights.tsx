// The enterprise's IP: its deadlines first (annual fees due or in grace, rights ending soon),
// then its patents, trademarks and copyrights, a tab each, read a page at a time; a patent or
// trademark opens its record (its lifecycle, history, transfers and licences) in a drawer.
import { Button, Space, Spin, Tabs } from 'antd';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { countSoFar, MoreButton } from '../../components/PagedTable';
import { PageHeading } from '../../components/PageHeading';
import { type OpenRight, RecordDrawer } from '../../components/rights/RecordDrawer';
import { type Connection as Page, NO_PAGE, useGraphQL, usePages } from '../../hooks/usePages';
import { useI18n } from '../../i18n';
import { useAccount } from '../../session';
import { NoEnterprise } from './NoEnterprise';
import { CopyrightTable, PatentTable, TrademarkTable } from './rights/RightTables';
import type { Copyright, ExpiryWarning, FeeWarning, Patent, Trademark, Warnings as Connection } from './rights/types';
import { Warnings } from './rights/Warnings';

// The warnings are connections: the first WARNINGS of each, with their total.
const WARNINGS = 100;

const RIGHTS = `query Rights($id: ID!, $first: Int) {
  enterprise(id: $id) {
    id name
    annualFeeWarnings(first: $first) { totalCount edges { node { dueDate state surchargePercent graceEndsOn patent { applicationNumber title } } } }
    expiryWarnings(first: $first) { totalCount edges { node { right: rightKind number title expiresOn } } }
  }
}`;

/** One of the enterprise's lists, `first` and `after` given by usePages. */
const listQuery = (name: string, field: string, node: string) => `query ${name}($id: ID!, $first: Int, $after: String) {
  enterprise(id: $id) { id ${field}(first: $first, after: $after) { edges { node { ${node} } } pageInfo { hasNextPage endCursor } } }
}`;
const PATENTS = listQuery(
  'OwnPatents',
  'patents',
  'applicationNumber type pct title status filingDate grantDate protectionEndsOn annualFee { state nextDueDate graceEndsOn surchargePercent }',
);
const TRADEMARKS = listQuery('OwnTrademarks', 'trademarks', 'registrationNumber mark niceClass registrationDate expiryDate');
const COPYRIGHTS = listQuery('OwnCopyrights', 'copyrights', 'registrationNumber title kind registeredOn');

interface Answer {
  enterprise: {
    id: string;
    name: string;
    annualFeeWarnings: Connection<FeeWarning>;
    expiryWarnings: Connection<ExpiryWarning>;
  } | null;
}
type ListAnswer<K extends string, N> = { enterprise: Record<K, Page<N>> | null };

export default function Rights() {
  const { t } = useI18n();
  const { enterpriseId } = useAccount();
  const query = useGraphQL<Answer>(RIGHTS, { id: enterpriseId, first: WARNINGS }, enterpriseId !== null);
  const own = { id: enterpriseId };
  const patents = usePages<ListAnswer<'patents', Patent>, Patent>(PATENTS, own, (d) => d.enterprise?.patents ?? NO_PAGE, 50, enterpriseId !== null);
  const trademarks = usePages<ListAnswer<'trademarks', Trademark>, Trademark>(
    TRADEMARKS,
    own,
    (d) => d.enterprise?.trademarks ?? NO_PAGE,
    50,
    enterpriseId !== null,
  );
  const copyrights = usePages<ListAnswer<'copyrights', Copyright>, Copyright>(
    COPYRIGHTS,
    own,
    (d) => d.enterprise?.copyrights ?? NO_PAGE,
    50,
    enterpriseId !== null,
  );
  const e = query.data?.enterprise;
  const [open, setOpen] = useState<OpenRight>();
  return (
    <Space orientation="vertical" size="large" className="full-width">
      <PageHeading
        title={t('rights.heading')}
        intro={e ? t('rights.intro', { name: e.name }) : undefined}
        extra={
          <Button
            onClick={() => {
              void query.refetch();
              for (const list of [patents, trademarks, copyrights]) list.reload();
            }}
            loading={query.isFetching}
          >
            {t('common.reload')}
          </Button>
        }
      />
      <ErrorAlert error={query.error ?? patents.error ?? trademarks.error ?? copyrights.error} />
      {query.isPending && enterpriseId !== null && <Spin aria-label={t('common.loading')} />}
      {(enterpriseId === null || query.data?.enterprise === null) && <NoEnterprise />}
      {e && (
        <>
          <Warnings fees={e.annualFeeWarnings} expiries={e.expiryWarnings} />
          <Tabs
            items={[
              {
                key: 'patents',
                label: t('rights.patents', { n: countSoFar(patents) }),
                children: (
                  <>
                    <PatentTable patents={patents.nodes} onOpen={setOpen} />
                    <MoreButton pages={patents} />
                  </>
                ),
              },
              {
                key: 'trademarks',
                label: t('rights.trademarks', { n: countSoFar(trademarks) }),
                children: (
                  <>
                    <TrademarkTable trademarks={trademarks.nodes} onOpen={setOpen} />
                    <MoreButton pages={trademarks} />
                  </>
                ),
              },
              {
                key: 'copyrights',
                label: t('rights.copyrights', { n: countSoFar(copyrights) }),
                children: (
                  <>
                    <CopyrightTable copyrights={copyrights.nodes} />
                    <MoreButton pages={copyrights} />
                  </>
                ),
              },
            ]}
          />
          <RecordDrawer right={open} onClose={() => setOpen(undefined)} parties={false} />
        </>
      )}
    </Space>
  );
}
