// A patent's or trademark's record beside the list it was opened from, as wide as the screen
// allows: staff's registry (with the operations) and the enterprise's own rights alike.
import { Drawer } from 'antd';
import type { ReactNode } from 'react';

import { useI18n } from '../../i18n';
import { PatentRecordView, TrademarkRecordView } from './RightRecord';
import type { PatentRecord, TrademarkRecord } from './types';

export interface OpenRight {
  readonly kind: 'PATENT' | 'TRADEMARK';
  readonly number: string;
}

interface Props {
  readonly right: OpenRight | undefined;
  readonly onClose: () => void;
  /** Whether the parties' names are read (staff), see RightRecord. */
  readonly parties: boolean;
  readonly patentActions?: (p: PatentRecord) => ReactNode;
  readonly trademarkActions?: (m: TrademarkRecord) => ReactNode;
}

export function RecordDrawer({ right, onClose, parties, patentActions, trademarkActions }: Props) {
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
      {right?.kind === 'PATENT' && <PatentRecordView number={right.number} parties={parties} {...(patentActions ? { actions: patentActions } : {})} />}
      {right?.kind === 'TRADEMARK' && (
        <TrademarkRecordView number={right.number} parties={parties} {...(trademarkActions ? { actions: trademarkActions } : {})} />
      )}
    </Drawer>
  );
}

/** A right's number as a button opening its record (test ids `patent-open`, `trademark-open`, with `data-number`). */
export function OpenButton({ kind, number, onOpen, label }: { kind: OpenRight['kind']; number: string; onOpen: (r: OpenRight) => void; label?: string }) {
  return (
    <button
      type="button"
      className="link-button mono"
      data-testid={kind === 'PATENT' ? 'patent-open' : 'trademark-open'}
      data-number={number}
      onClick={() => onOpen({ kind, number })}
    >
      {label ?? number}
    </button>
  );
}
