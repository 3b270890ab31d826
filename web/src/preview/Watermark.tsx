/** The viewer's email and the time, tiled over a preview (a deterrent, not a protection: see docs/API.md's honest limit). */
export function Watermark({ who, at }: { who: string; at: Date }) {
  const text = `${who} · ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return (
    <div class="watermark" aria-hidden="true" data-testid="watermark">
      {Array.from({ length: 24 }, (_, i) => (
        <span key={i}>{text}</span>
      ))}
    </div>
  );
}
