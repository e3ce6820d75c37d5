// A table wider than the screen scrolls sideways in a region a keyboard can reach (a table with
// no links or buttons in it would otherwise scroll out of a keyboard's reach).
import type { ReactNode } from 'react';

export function ScrollRegion({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <div className="scroll-region" role="region" aria-label={label} tabIndex={0}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
