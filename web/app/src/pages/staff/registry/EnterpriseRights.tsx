// An enterprise's rights as the registry shows them when its row is opened: its patents and
// trademarks, each opening its record, and its copyrights, each list read a page at a time.
import { Space, Spin, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';

import { ErrorAlert } from '../../../components/ErrorAlert';
import { countSoFar, MoreButton } from '../../../components/PagedTable';
import { OpenButton, type OpenRight } from '../../../components/rights/RecordDrawer';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { ToneTag } from '../../../components/ToneTag';
import { type Connection, NO_PAGE, usePages } from '../../../hooks/usePages';
import { useI18n } from '../../../i18n';

/** One of the enterprise's lists, `first` and `after` given by usePages. */
const listQuery = (name: string, field: string, node: string) => `query ${name}($id: ID!, $first: Int, $after: String) {
  enterprise(id: $id) { id ${field}(first: $first, after: $after) { edges { node { ${node} } } pageInfo { hasNextPage endCursor } } }
}`;
const PATENTS = listQuery('RegistryPatents', 'patents', 'applicationNumber title status freeze { court } invalidation { pending }');
const TRADEMARKS = listQuery('RegistryTrademarks', 'trademarks', 'registrationNumber mark niceClass niceClassName expiryDate');
const COPYRIGHTS = listQuery('RegistryCopyrights', 'copyrights', 'registrationNumber title kind author registeredOn');

interface Patent {
  applicationNumber: string;
  title: string;
  status: string;
  freeze: { court: string } | null;
  invalidation: { pending: boolean } | null;
}
interface Trademark {
  registrationNumber: string;
  mark: string;
  niceClass: number;
  niceClassName: string;
  expiryDate: string;
}
interface Copyright {
  registrationNumber: string;
  title: string;
  kind: string;
  author: string | null;
  registeredOn: string;
}
type ListAnswer<K extends string, N> = { enterprise: Record<K, Connection<N>> | null };

const PAGE = { pageSize: 10, hideOnSinglePage: true, showSizeChanger: false } as const;

export function EnterpriseRights({ id, onOpen }: { id: string; onOpen: (right: OpenRight) => void }) {
  const { t, label } = useI18n();
  const patents = usePages<ListAnswer<'patents', Patent>, Patent>(PATENTS, { id }, (d) => d.enterprise?.patents ?? NO_PAGE);
  const trademarks = usePages<ListAnswer<'trademarks', Trademark>, Trademark>(TRADEMARKS, { id }, (d) => d.enterprise?.trademarks ?? NO_PAGE);
  const copyrights = usePages<ListAnswer<'copyrights', Copyright>, Copyright>(COPYRIGHTS, { id }, (d) => d.enterprise?.copyrights ?? NO_PAGE);
  const error = patents.error ?? trademarks.error ?? copyrights.error;
  if (error) return <ErrorAlert error={error} />;
  if (patents.loading && patents.nodes.length === 0) return <Spin aria-label={t('common.loading')} />;
  return (
    <Space orientation="vertical" className="full-width">
      <ScrollRegion label={t('rights.patents', { n: countSoFar(patents) })} minWidth={700}>
        <Table
          rowKey="applicationNumber"
          size="small"
          pagination={PAGE}
          title={() => t('rights.patents', { n: countSoFar(patents) })}
          dataSource={[...patents.nodes]}
          locale={{ emptyText: t('rights.noPatents') }}
          onRow={(p) => ({ 'data-testid': 'registry-patent', 'data-number': p.applicationNumber }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('rights.applicationNumber'), width: 160, render: (_, p) => <OpenButton kind="PATENT" number={p.applicationNumber} onOpen={onOpen} /> },
            { title: t('rights.title'), dataIndex: 'title' },
            {
              title: t('rights.status'),
              width: 200,
              render: (_, p) => (
                <>
                  <Tag>{label('PatentStatus', p.status)}</Tag>
                  {p.freeze && <ToneTag tone="red">{t('lifecycle.frozen')}</ToneTag>}
                  {p.invalidation?.pending && <ToneTag tone="orange">{t('lifecycle.invalidationPending')}</ToneTag>}
                </>
              ),
            },
          ]}
        />
      </ScrollRegion>
      <MoreButton pages={patents} />
      <ScrollRegion label={t('rights.trademarks', { n: countSoFar(trademarks) })} minWidth={640}>
        <Table
          rowKey="registrationNumber"
          size="small"
          pagination={PAGE}
          title={() => t('rights.trademarks', { n: countSoFar(trademarks) })}
          dataSource={[...trademarks.nodes]}
          locale={{ emptyText: t('rights.noTrademarks') }}
          columns={[
            {
              title: t('rights.registrationNumber'),
              width: 130,
              render: (_, m) => <OpenButton kind="TRADEMARK" number={m.registrationNumber} onOpen={onOpen} />,
            },
            { title: t('rights.mark'), dataIndex: 'mark' },
            { title: t('rights.niceClass'), width: 140, render: (_, m) => `${m.niceClass} ${m.niceClassName}` },
            { title: t('rights.expiryDate'), dataIndex: 'expiryDate', width: 110 },
          ]}
        />
      </ScrollRegion>
      <MoreButton pages={trademarks} />
      <ScrollRegion label={t('rights.copyrights', { n: countSoFar(copyrights) })} minWidth={640}>
        <Table
          rowKey="registrationNumber"
          size="small"
          pagination={PAGE}
          title={() => t('rights.copyrights', { n: countSoFar(copyrights) })}
          dataSource={[...copyrights.nodes]}
          locale={{ emptyText: t('rights.noCopyrights') }}
          onRow={(c) => ({ 'data-testid': 'registry-copyright', 'data-number': c.registrationNumber }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('rights.registrationNumber'), width: 200, render: (_, c) => <span className="mono">{c.registrationNumber}</span> },
            { title: t('rights.title'), dataIndex: 'title' },
            { title: t('rights.copyrightKind'), width: 110, render: (_, c) => label('CopyrightKind', c.kind) },
            { title: t('copyright.author'), width: 140, render: (_, c) => c.author ?? '' },
            { title: t('rights.registeredOn'), dataIndex: 'registeredOn', width: 110 },
          ]}
        />
      </ScrollRegion>
      <MoreButton pages={copyrights} />
    </Space>
  );
}
