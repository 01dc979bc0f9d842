// A draggable, keyboard-operable divider between two panels (WAI-ARIA window splitter): it reports the size of the
// panel it resizes; `grows` says which way of dragging makes that panel larger.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export interface SplitterProps {
  label: string;
  /** 'vertical' divides left | right (drag along x); 'horizontal' divides top / bottom (drag along y). */
  orientation: 'vertical' | 'horizontal';
  size: number;
  min: number;
  max: number;
  /** +1 when dragging right/down grows the panel, −1 when dragging left/up does. */
  grows: 1 | -1;
  onResize(size: number): void;
}

const KEY_STEP = 16;

export function Splitter(p: SplitterProps) {
  const drag = useRef<{ start: number; size: number } | null>(null);
  const along = (e: PointerEvent) => (p.orientation === 'vertical' ? e.clientX : e.clientY);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { start: along(e), size: p.size };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    p.onResize(drag.current.size + p.grows * (along(e) - drag.current.start));
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const forward = p.orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown';
    const backward = p.orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp';
    if (e.key === forward || e.key === backward) {
      e.preventDefault();
      p.onResize(p.size + (e.key === forward ? 1 : -1) * p.grows * KEY_STEP);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      p.onResize(e.key === 'Home' ? p.min : p.max);
    }
  };

  return (
    <div
      role="separator"
      aria-label={p.label}
      aria-orientation={p.orientation}
      aria-valuenow={Math.round(p.size)}
      aria-valuemin={p.min}
      aria-valuemax={p.max}
      tabIndex={0}
      className={`splitter splitter-${p.orientation}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
