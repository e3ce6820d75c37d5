// An enterprise's rights as the registry shows them when its row is opened: its patents and
// trademarks, each opening its record, and its copyrights.
import { Space, Spin, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';

import { ErrorAlert } from '../../../components/ErrorAlert';
import { OpenButton, type OpenRight } from '../../../components/rights/RecordDrawer';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { ToneTag } from '../../../components/ToneTag';
import { useGraphQL } from '../../../hooks/usePages';
import { useI18n } from '../../../i18n';

const RIGHTS = `query EnterpriseRights($id: ID!) {
  enterprise(id: $id) {
    patents { applicationNumber title status freeze { court } invalidation { pending } }
    trademarks { registrationNumber mark niceClass niceClassName expiryDate }
    copyrights { registrationNumber title kind author registeredOn }
  }
}`;

interface Rights {
  patents: { applicationNumber: string; title: string; status: string; freeze: { court: string } | null; invalidation: { pending: boolean } | null }[];
  trademarks: { registrationNumber: string; mark: string; niceClass: number; niceClassName: string; expiryDate: string }[];
  copyrights: { registrationNumber: string; title: string; kind: string; author: string | null; registeredOn: string }[];
}

const PAGE = { pageSize: 10, hideOnSinglePage: true, showSizeChanger: false } as const;

export function EnterpriseRights({ id, onOpen }: { id: string; onOpen: (right: OpenRight) => void }) {
  const { t, label } = useI18n();
  const query = useGraphQL<{ enterprise: Rights | null }>(RIGHTS, { id });
  const e = query.data?.enterprise;
  if (query.isPending) return <Spin aria-label={t('common.loading')} />;
  if (!e) return <ErrorAlert error={query.error} />;
  return (
    <Space orientation="vertical" className="full-width">
      <ScrollRegion label={t('rights.patents', { n: e.patents.length })} minWidth={700}>
        <Table
          rowKey="applicationNumber"
          size="small"
          pagination={PAGE}
          title={() => t('rights.patents', { n: e.patents.length })}
          dataSource={e.patents}
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
      <ScrollRegion label={t('rights.trademarks', { n: e.trademarks.length })} minWidth={640}>
        <Table
          rowKey="registrationNumber"
          size="small"
          pagination={PAGE}
          title={() => t('rights.trademarks', { n: e.trademarks.length })}
          dataSource={e.trademarks}
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
      <ScrollRegion label={t('rights.copyrights', { n: e.copyrights.length })} minWidth={640}>
        <Table
          rowKey="registrationNumber"
          size="small"
          pagination={PAGE}
          title={() => t('rights.copyrights', { n: e.copyrights.length })}
          dataSource={e.copyrights}
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
    </Space>
  );
}
