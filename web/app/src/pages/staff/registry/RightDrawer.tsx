// A patent's or trademark's record opened from the registry, beside the list: its state, the
// operations staff may make on it, its history, transfers and licences.
import { type OpenRight, RecordDrawer } from '../../../components/rights/RecordDrawer';
import { PatentActions } from './PatentActions';
import { TrademarkActions } from './TrademarkActions';

export type { OpenRight };

export function RightDrawer({ right, onClose }: { right: OpenRight | undefined; onClose: () => void }) {
  return (
    <RecordDrawer right={right} onClose={onClose} parties patentActions={(p) => <PatentActions p={p} />} trademarkActions={(m) => <TrademarkActions m={m} />} />
  );
}
