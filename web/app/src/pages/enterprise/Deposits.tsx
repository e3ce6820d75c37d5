// The enterprise's deposits, newest first: found by title or digest (a whole SHA-256 is also
// looked up on the ledger), each opening to its certificate, fetched when opened.
import { Button, Input, Space, Tag, Typography } from 'antd';
import { type HTMLAttributes, useMemo, useState } from 'react';

import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { dateTime, shortDigest } from '../../format';
import { useGraphQL } from '../../hooks/usePages';
import { useI18n } from '../../i18n';
import { useAccount } from '../../session';
import { type Deposit, DepositCertificate } from './deposits/DepositCertificate';
import { DigestLookup, isDigest } from './deposits/DigestLookup';
import { NoEnterprise } from './NoEnterprise';

// The most the API gives of an enterprise's deposits in one answer.
const NEWEST = 100;

const DEPOSITS = `query Deposits($id: ID!, $first: Int) {
  enterprise(id: $id) { id evidence(first: $first) { id title category contentDigest depositedAt receipt { seq entryHash timestamp } } }
}`;

interface Answer {
  enterprise: { id: string; evidence: Deposit[] | null } | null;
}

export default function Deposits() {
  const { t, label, lang } = useI18n();
  const { enterpriseId } = useAccount();
  const [search, setSearch] = useState('');
  const query = useGraphQL<Answer>(DEPOSITS, { id: enterpriseId, first: NEWEST }, enterpriseId !== null);
  const deposits = useMemo(() => query.data?.enterprise?.evidence ?? [], [query.data]);
  const titles = useMemo(() => new Map(deposits.map((d) => [d.id, d.title])), [deposits]);
  const needle = search.trim().toLowerCase();
  const shown = needle === '' ? deposits : deposits.filter((d) => d.title.toLowerCase().includes(needle) || d.contentDigest.includes(needle));

  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading
        title={t('deposits.heading')}
        intro={t('deposits.intro')}
        extra={
          <Button onClick={() => void query.refetch()} loading={query.isFetching}>
            {t('common.reload')}
          </Button>
        }
      />
      {(enterpriseId === null || query.data?.enterprise === null) && <NoEnterprise />}
      <Input
        data-testid="deposits-search"
        allowClear
        aria-label={t('deposits.search')}
        placeholder={t('deposits.search')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {enterpriseId !== null && isDigest(needle) && <DigestLookup digest={needle} enterpriseId={enterpriseId} titles={titles} />}
      <ErrorAlert error={query.error} />
      <DataTable<Deposit>
        rowKey="id"
        size="small"
        loading={query.isFetching}
        dataSource={shown}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        minWidth={760}
        label={t('nav.deposits')}
        locale={{ emptyText: needle === '' ? t('deposits.none') : t('deposits.noMatch') }}
        onRow={(d) => ({ 'data-testid': 'deposit-row', 'data-id': d.id, 'data-digest': d.contentDigest }) as HTMLAttributes<HTMLElement>}
        expandable={{ expandedRowRender: (d) => <DepositCertificate deposit={d} /> }}
        columns={[
          { title: t('deposits.title'), dataIndex: 'title' },
          { title: t('deposits.category'), width: 110, render: (_, d) => <Tag>{label('EvidenceCategory', d.category)}</Tag> },
          {
            title: t('deposits.digest'),
            width: 190,
            render: (_, d) => (
              <span className="mono" title={d.contentDigest}>
                {shortDigest(d.contentDigest)}
              </span>
            ),
          },
          { title: t('deposits.depositedAt'), width: 170, render: (_, d) => dateTime(d.depositedAt, lang) },
          { title: t('deposits.seq'), width: 90, render: (_, d) => d.receipt.seq },
        ]}
      />
      {deposits.length >= NEWEST && <Typography.Text type="secondary">{t('deposits.newestOnly', { n: NEWEST })}</Typography.Text>}
    </Space>
  );
}
