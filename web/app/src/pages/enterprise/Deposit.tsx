// Deposit evidence: drop one or many files; each is hashed here (never uploaded), then its digest
// is deposited on the ledger and answered with its certificate.
import { Button, Card, Input, Progress, Select, Space, Tag, Typography } from 'antd';
import { type DragEvent, useState } from 'react';

import { mutate, USER_ERRORS } from '../../api';
import { CATEGORIES, type Category, guessCategory, titleOf } from '../../categories';
import { CertificateActions, type Receipt } from '../../components/Certificate';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { hashFile } from '../../hash-files';
import { newIdempotencyKey } from '../../hooks/useIdempotencyKey';
import { useI18n } from '../../i18n';

const DEPOSIT = `mutation Deposit($input: DepositEvidenceInput!) {
  evidenceDeposit(input: $input) { evidence { id title contentDigest receipt { seq entryHash timestamp } certificate } ${USER_ERRORS} }
}`;

interface Deposited {
  readonly id: string;
  readonly title: string;
  readonly contentDigest: string;
  readonly receipt: Receipt;
  readonly certificate: unknown;
}

interface Item {
  readonly key: number;
  readonly file: File;
  title: string;
  category: Category;
  hashed: number;
  digest?: string;
  error?: unknown;
  deposited?: Deposited;
  /** Sent with every attempt at this file: a retry after an error deposits it once. */
  readonly idempotencyKey: string;
}

let nextKey = 0;

export default function Deposit() {
  const { t, label } = useI18n();
  const [items, setItems] = useState<Item[]>([]);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const update = (key: number, change: Partial<Item>) => setItems((all) => all.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const add = (files: FileList | null) => {
    if (files === null) return;
    const added = [...files].map((file): Item => ({
      key: nextKey++,
      file,
      title: titleOf(file.name),
      category: guessCategory(file.name),
      hashed: 0,
      idempotencyKey: newIdempotencyKey(),
    }));
    setItems((all) => [...all, ...added]);
    for (const item of added) {
      hashFile(item.file, (hashed) => update(item.key, { hashed })).then(
        (digest) => update(item.key, { digest, hashed: item.file.size }),
        (error: unknown) => update(item.key, { error }),
      );
    }
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    add(event.dataTransfer.files);
  };
  const ready = items.filter((i) => i.digest !== undefined && i.deposited === undefined);
  const depositAll = async () => {
    setBusy(true);
    for (const item of ready) {
      try {
        const deposited = await mutate<Deposited>(DEPOSIT, {
          input: { contentDigest: item.digest, title: item.title.trim(), category: item.category, idempotencyKey: item.idempotencyKey },
        });
        update(item.key, { deposited, error: undefined });
      } catch (error) {
        update(item.key, { error });
      }
    }
    setBusy(false);
  };

  return (
    <Space orientation="vertical" size="large" className="full-width">
      <PageHeading title={t('deposit.title')} intro={t('deposit.intro')} />
      <label
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => (e.preventDefault(), setDragging(true))}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <Typography.Text strong>{t('deposit.drop')}</Typography.Text>
        <br />
        <Typography.Text type="secondary">{t('deposit.private')}</Typography.Text>
        <input
          data-testid="deposit-files"
          className="visually-hidden"
          type="file"
          multiple
          onChange={(e) => {
            add(e.target.files);
            e.target.value = '';
          }}
        />
      </label>
      {items.length > 0 && (
        <DataTable<Item>
          rowKey="key"
          size="small"
          pagination={false}
          minWidth={720}
          label={t('deposit.title')}
          dataSource={items}
          columns={[
            { title: t('deposit.file'), render: (_, i) => i.file.name },
            {
              title: t('deposit.hashing'),
              width: 160,
              render: (_, i) => (
                <Progress
                  aria-label={t('deposit.hashingOf', { name: i.file.name })}
                  size="small"
                  percent={i.file.size === 0 ? 100 : Math.floor((i.hashed / i.file.size) * 100)}
                  status={i.error ? 'exception' : undefined}
                />
              ),
            },
            {
              title: t('deposit.evidenceTitle'),
              render: (_, i) => (
                <Input
                  aria-label={t('deposit.evidenceTitle')}
                  value={i.title}
                  maxLength={200}
                  disabled={i.deposited !== undefined}
                  onChange={(e) => update(i.key, { title: e.target.value })}
                />
              ),
            },
            {
              title: t('deposit.category'),
              width: 150,
              render: (_, i) => (
                <Select<Category>
                  aria-label={t('deposit.category')}
                  className="full-width"
                  value={i.category}
                  disabled={i.deposited !== undefined}
                  onChange={(category) => update(i.key, { category })}
                  options={CATEGORIES.map((c) => ({ value: c, label: label('EvidenceCategory', c) }))}
                />
              ),
            },
            {
              title: t('deposit.state'),
              width: 110,
              render: (_, i) =>
                i.deposited ? (
                  <Tag color="green">{t('deposit.deposited')}</Tag>
                ) : i.error ? (
                  <Tag color="red">{t('deposit.failed')}</Tag>
                ) : i.digest ? (
                  <Tag>{t('deposit.ready')}</Tag>
                ) : (
                  <Tag>{t('deposit.hashingNow')}</Tag>
                ),
            },
          ]}
        />
      )}
      {items
        .filter((i) => i.error !== undefined)
        .map((i) => (
          <ErrorAlert key={i.key} error={i.error} />
        ))}
      <Button data-testid="deposit-submit" type="primary" disabled={ready.length === 0} loading={busy} onClick={() => void depositAll()}>
        {t('deposit.submit', { n: ready.length })}
      </Button>
      {items
        .filter((i) => i.deposited !== undefined)
        .map(({ key, deposited: d }) => (
          <Card key={key} size="small" data-testid="deposit-result" data-seq={d!.receipt.seq} data-digest={d!.contentDigest} title={d!.title}>
            <p>
              {t('deposit.resultLine', { seq: d!.receipt.seq })} <span className="mono">{d!.contentDigest}</span>
            </p>
            <CertificateActions title={d!.title} digest={d!.contentDigest} receipt={d!.receipt} certificate={d!.certificate} pdf />
          </Card>
        ))}
    </Space>
  );
}
