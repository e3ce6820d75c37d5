// A right's recorded transfers and licences, each with its ledger entry's certificate.
import { Typography } from 'antd';
import type { HTMLAttributes } from 'react';

import { yuan } from '../../format';
import { useI18n } from '../../i18n';
import { CertificateActions } from '../Certificate';
import { DataTable } from '../DataTable';
import type { Licences, Transfer } from './types';

const digest = (hex: string) => (
  <span className="mono" title={hex}>
    {hex.slice(0, 12)}…
  </span>
);

export function TransfersTable({ number, transfers }: { number: string; transfers: readonly Transfer[] }) {
  const { t } = useI18n();
  const parties = transfers.some((x) => x.from !== undefined);
  if (transfers.length === 0) return <p className="secondary-line">{t('disposals.noTransfers')}</p>;
  return (
    <DataTable<Transfer>
      rowKey="id"
      size="small"
      pagination={false}
      minWidth={parties ? 860 : 620}
      label={t('disposals.transfers')}
      dataSource={[...transfers]}
      locale={{ emptyText: t('disposals.noTransfers') }}
      onRow={(x) => ({ 'data-testid': 'transfer-row', 'data-id': x.id }) as HTMLAttributes<HTMLElement>}
      columns={[
        ...(parties
          ? [
              { title: t('disposals.from'), render: (_: unknown, x: Transfer) => x.from?.name ?? '' },
              { title: t('disposals.to'), render: (_: unknown, x: Transfer) => x.to?.name ?? '' },
            ]
          : []),
        { title: t('disposals.contractDate'), dataIndex: 'contractDate', width: 110 },
        { title: t('disposals.contractDigest'), width: 140, render: (_, x) => digest(x.contractDigest) },
        {
          title: t('disposals.certificate'),
          render: (_, x) => <CertificateActions title={t('disposals.transferTitle', { number })} receipt={x.receipt} certificate={x.certificate} />,
        },
      ]}
    />
  );
}

export function LicencesTable({ number, licences }: { number: string; licences: Licences }) {
  const { t, label, lang } = useI18n();
  const rows = licences.edges.map((e) => e.node);
  const parties = rows.some((l) => l.licensee !== undefined);
  if (rows.length === 0) return <p className="secondary-line">{t('disposals.noLicences')}</p>;
  return (
    <>
      <DataTable
        rowKey="id"
        size="small"
        pagination={false}
        minWidth={parties ? 1040 : 820}
        label={t('disposals.licences')}
        dataSource={rows}
        locale={{ emptyText: t('disposals.noLicences') }}
        onRow={(l) => ({ 'data-testid': 'licence-row', 'data-id': l.id, 'data-kind': l.kind }) as HTMLAttributes<HTMLElement>}
        columns={[
          ...(parties ? [{ title: t('disposals.licensee'), render: (_: unknown, l: (typeof rows)[number]) => l.licensee?.name ?? '' }] : []),
          { title: t('disposals.kind'), width: 90, render: (_, l) => label('LicenceKind', l.kind) },
          { title: t('disposals.territory'), width: 140, render: (_, l) => l.territory.join('、') },
          { title: t('disposals.term'), width: 200, render: (_, l) => `${l.term.startDate} – ${l.term.endDate}` },
          {
            title: t('disposals.royalty'),
            width: 140,
            render: (_, l) => [l.royalty === null ? '' : `${yuan(l.royalty, lang)} ${t('pledges.yuan')}`, l.royaltyTerms ?? ''].filter(Boolean).join('；'),
          },
          {
            title: t('disposals.certificate'),
            render: (_, l) => <CertificateActions title={t('disposals.licenceTitle', { number })} receipt={l.receipt} certificate={l.certificate} />,
          },
        ]}
      />
      {licences.pageInfo.hasNextPage && <Typography.Text type="secondary">{t('disposals.moreLicences', { n: rows.length })}</Typography.Text>}
    </>
  );
}
