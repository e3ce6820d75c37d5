// A patent's or trademark's record opened from the registry, beside the list: its state, the
// operations staff may make on it, its history, transfers and licences.
import { Drawer } from 'antd';

import { PatentRecordView, TrademarkRecordView } from '../../../components/rights/RightRecord';
import { useI18n } from '../../../i18n';
import { PatentActions } from './PatentActions';
import { TrademarkActions } from './TrademarkActions';

export interface OpenRight {
  readonly kind: 'PATENT' | 'TRADEMARK';
  readonly number: string;
}

export function RightDrawer({ right, onClose }: { right: OpenRight | undefined; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Drawer
      open={right !== undefined}
      onClose={onClose}
      destroyOnHidden
      size={Math.min(900, window.innerWidth)}
      title={right === undefined ? '' : t(right.kind === 'PATENT' ? 'lifecycle.patentHeading' : 'lifecycle.trademarkHeading', { number: right.number })}
      data-testid="right-drawer"
    >
      {right?.kind === 'PATENT' && <PatentRecordView number={right.number} parties actions={(p) => <PatentActions p={p} />} />}
      {right?.kind === 'TRADEMARK' && <TrademarkRecordView number={right.number} parties actions={(m) => <TrademarkActions m={m} />} />}
    </Drawer>
  );
}
