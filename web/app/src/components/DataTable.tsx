// antd's Table in a region that scrolls sideways when the table is wider than the screen, and
// that a keyboard can reach and scroll (antd's own `scroll.x` region cannot be focused).
import { Table, type TableProps } from 'antd';

import { ScrollRegion } from './ScrollRegion';

export function DataTable<T extends object>({ label, minWidth, ...table }: TableProps<T> & { label: string; minWidth: number }) {
  return (
    <ScrollRegion label={label} minWidth={minWidth}>
      <Table<T> {...table} />
    </ScrollRegion>
  );
}
