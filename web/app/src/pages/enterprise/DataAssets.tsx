// The enterprise's data assets (数据知识产权): each a data set's SHA-256 fingerprint on the ledger,
// opening to its certificate; and registering another.
import { Button, Space } from 'antd';
import type { HTMLAttributes } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { PagedTable } from '../../components/PagedTable';
import { PageHeading } from '../../components/PageHeading';
import { dateTime, shortDigest } from '../../format';
import { type Connection, NO_PAGE, usePages } from '../../hooks/usePages';
import { useI18n } from '../../i18n';
import { useAccount } from '../../session';
import { AssetCertificate, type DataAsset } from './data-assets/AssetCertificate';
import { RegisterAsset } from './data-assets/RegisterAsset';
import { NoEnterprise } from './NoEnterprise';

const ASSETS = `query DataAssets($id: ID!, $first: Int, $after: String) {
  enterprise(id: $id) { id dataAssets(first: $first, after: $after) {
    edges { node { id name description fingerprint registeredAt receipt { seq entryHash timestamp } } } pageInfo { hasNextPage endCursor } } }
}`;

interface Answer {
  enterprise: { id: string; dataAssets: Connection<DataAsset> } | null;
}

export default function DataAssets() {
  const { t, lang } = useI18n();
  const { enterpriseId } = useAccount();
  const assets = usePages<Answer, DataAsset>(ASSETS, { id: enterpriseId }, (d) => d.enterprise?.dataAssets ?? NO_PAGE, 50, enterpriseId !== null);
  return (
    <Space orientation="vertical" size="large" className="full-width">
      <PageHeading
        title={t('assets.heading')}
        intro={t('assets.intro')}
        extra={
          <Button onClick={assets.reload} loading={assets.loading}>
            {t('common.reload')}
          </Button>
        }
      />
      {enterpriseId === null && <NoEnterprise />}
      <ErrorAlert error={assets.error} />
      <PagedTable<DataAsset>
        pages={assets}
        minWidth={720}
        label={t('nav.dataAssets')}
        locale={{ emptyText: t('assets.none') }}
        onRow={(a) => ({ 'data-testid': 'asset-row', 'data-id': a.id, 'data-fingerprint': a.fingerprint }) as HTMLAttributes<HTMLElement>}
        expandable={{ expandedRowRender: (a) => <AssetCertificate asset={a} /> }}
        columns={[
          { title: t('assets.name'), dataIndex: 'name' },
          {
            title: t('assets.fingerprint'),
            width: 190,
            render: (_, a) => (
              <span className="mono" title={a.fingerprint}>
                {shortDigest(a.fingerprint)}
              </span>
            ),
          },
          { title: t('assets.registeredAt'), width: 170, render: (_, a) => dateTime(a.registeredAt, lang) },
          { title: t('assets.seq'), width: 90, render: (_, a) => a.receipt.seq },
        ]}
      />
      {enterpriseId !== null && <RegisterAsset />}
    </Space>
  );
}
