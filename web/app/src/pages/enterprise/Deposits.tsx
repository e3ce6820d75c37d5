// The enterprise's deposits, newest first, a page at a time from the hub (Query.deposits): searched
// on the hub by title or the start of the digest (a whole SHA-256 is also looked up on the ledger),
// each row opening to its certificate, fetched when opened; the rows read so far in PagedTable
// (components/DataTable's scroll region), with its button for the next page.
import { Button, Input, Space, Tag } from 'antd';
import { type HTMLAttributes, useEffect, useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { PagedTable } from '../../components/PagedTable';
import { PageHeading } from '../../components/PageHeading';
import { dateTime, shortDigest } from '../../format';
import { usePages } from '../../hooks/usePages';
import { useI18n } from '../../i18n';
import { useAccount } from '../../session';
import { type Deposit, DepositCertificate } from './deposits/DepositCertificate';
import { DigestLookup, isDigest } from './deposits/DigestLookup';
import { NoEnterprise } from './NoEnterprise';

const DEPOSITS = `query Deposits($id: ID, $search: String, $first: Int, $after: String) {
  deposits(enterpriseId: $id, search: $search, first: $first, after: $after) {
    edges { node { id title category contentDigest depositedAt receipt { seq entryHash timestamp } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Answer {
  deposits: { edges: { node: Deposit }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const PAGE = 20;
// The most the hub searches for (longer: BAD_USER_INPUT).
const MAX_SEARCH = 100;
// How long typing pauses before the hub is asked; Enter asks at once.
const TYPING_MS = 400;

export default function Deposits() {
  const { t } = useI18n();
  const { enterpriseId } = useAccount();
  if (enterpriseId === null) {
    return (
      <Space orientation="vertical" size="middle" className="full-width">
        <PageHeading title={t('deposits.heading')} intro={t('deposits.intro')} />
        <NoEnterprise />
      </Space>
    );
  }
  return <DepositPages enterpriseId={enterpriseId} />;
}

function DepositPages({ enterpriseId }: { enterpriseId: string }) {
  const { t, label, lang } = useI18n();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), TYPING_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const pages = usePages<Answer, Deposit>(DEPOSITS, { id: enterpriseId, ...(search === '' ? {} : { search }) }, (d) => d.deposits, PAGE);
  const titles = new Map(pages.nodes.map((d) => [d.id, d.title]));

  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading
        title={t('deposits.heading')}
        intro={t('deposits.intro')}
        extra={
          <Button onClick={pages.reload} loading={pages.loading}>
            {t('common.reload')}
          </Button>
        }
      />
      <Input
        data-testid="deposits-search"
        allowClear
        maxLength={MAX_SEARCH}
        aria-label={t('deposits.search')}
        placeholder={t('deposits.search')}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onPressEnter={() => setSearch(typed.trim())}
      />
      {isDigest(search) && <DigestLookup digest={search} enterpriseId={enterpriseId} titles={titles} />}
      <ErrorAlert error={pages.error} />
      <PagedTable<Deposit>
        pages={pages}
        minWidth={760}
        label={t('nav.deposits')}
        locale={{ emptyText: search === '' ? t('deposits.none') : t('deposits.noMatch') }}
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
    </Space>
  );
}
