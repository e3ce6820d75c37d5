// A connection's pages as a table: the rows read so far, and a button for the next page while
// the API says there is one (hooks/usePages.ts).
import { Button, type TableProps } from 'antd';

import type { Pages } from '../hooks/usePages';
import { useI18n } from '../i18n';
import { DataTable } from './DataTable';

type Props<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'rowKey'> & { pages: Pages<T>; label: string; minWidth: number };

export function PagedTable<T extends { readonly id: string }>({ pages, ...table }: Props<T>) {
  return (
    <>
      <DataTable<T> rowKey="id" size="small" pagination={false} loading={pages.loading} dataSource={[...pages.nodes]} {...table} />
      <MoreButton pages={pages} />
    </>
  );
}

/** The next page's button, while the API says there is one. */
export function MoreButton({ pages }: { pages: Pages<unknown> }) {
  const { t } = useI18n();
  return pages.hasMore ? (
    <Button onClick={pages.more} loading={pages.loading}>
      {t('common.more')}
    </Button>
  ) : null;
}

/** How many a list shows so far: `12`, or `50+` while there are more to read. */
export const countSoFar = (pages: Pages<unknown>): string => `${pages.nodes.length}${pages.hasMore ? '+' : ''}`;
