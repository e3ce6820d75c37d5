// A connection's pages as a table: the rows read so far, and a button for the next page while
// the API says there is one (hooks/usePages.ts).
import { Button, type TableProps } from 'antd';

import type { Pages } from '../hooks/usePages';
import { useI18n } from '../i18n';
import { DataTable } from './DataTable';

type Props<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'rowKey'> & { pages: Pages<T>; label: string; minWidth: number };

export function PagedTable<T extends { readonly id: string }>({ pages, ...table }: Props<T>) {
  const { t } = useI18n();
  return (
    <>
      <DataTable<T> rowKey="id" size="small" pagination={false} loading={pages.loading} dataSource={[...pages.nodes]} {...table} />
      {pages.hasMore && (
        <Button onClick={pages.more} loading={pages.loading}>
          {t('common.more')}
        </Button>
      )}
    </>
  );
}
