/**
 * The preview of laid-out pages (layout/roster.ts): each sheet drawn as SVG from the same positioned
 * lines the PDF is painted from. Only the sheets near the viewport are drawn (an IntersectionObserver
 * watches the empty sheets), so a 2.000-page roster scrolls and zooms as easily as a short one.
 */
import { memo, useEffect, useRef, useState } from 'react';
import type { PaperOrientation } from '../../../shared/print';
import { FONT_FACES, PAPER, RULE_WIDTH, type PrintedPage } from '../../../shared/printed-pages';
import { faceStyle, PRINT_FAMILY } from './layout/print-font';

const PageDrawing = memo(function PageDrawing({ page, orientation }: { page: PrintedPage; orientation: PaperOrientation }) {
  const { width, height } = PAPER[orientation];
  const rules = page.rules.map(([x1, y1, x2, y2]) => `M${x1} ${y1}L${x2} ${y2}`).join('');
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" height="100%" fontFamily={`"${PRINT_FAMILY}"`} aria-hidden>
      <path d={rules} stroke="#000" strokeWidth={RULE_WIDTH} fill="none" />
      {page.images?.map(([x, y, imageWidth, imageHeight, svg], index) => (
        <image key={`image-${index}`} x={x} y={y} width={imageWidth} height={imageHeight} href={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} />
      ))}
      {page.texts.map(([x, y, size, face, text], index) => (
        <text key={index} x={x} y={y} fontSize={size} {...faceStyle(FONT_FACES[face] ?? 'regular')} xmlSpace="preserve">
          {text}
        </text>
      ))}
    </svg>
  );
});

/** Sheets within this distance of the viewport are drawn. */
const DRAW_MARGIN = '150% 0px';

export function PrintedPages({ pages, orientation }: { pages: PrintedPage[]; orientation: PaperOrientation }) {
  const root = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState<ReadonlySet<number>>(() => new Set([0, 1]));

  useEffect(() => {
    const sheets = root.current?.querySelectorAll<HTMLElement>('[data-sheet]');
    if (!sheets) return;
    const observer = new IntersectionObserver(
      (entries) =>
        setNear((current) => {
          const next = new Set(current);
          for (const entry of entries) {
            const index = Number((entry.target as HTMLElement).dataset.sheet);
            if (entry.isIntersecting) next.add(index);
            else next.delete(index);
          }
          return next;
        }),
      { rootMargin: DRAW_MARGIN },
    );
    sheets.forEach((sheet) => observer.observe(sheet));
    return () => observer.disconnect();
  }, [pages]);

  return (
    <>
      <p className="printed-pages-note">Hãy in bằng nút "In" của ứng dụng (hoặc Ctrl+P): bản in được tạo thành tệp PDF đúng khổ giấy.</p>
      <div ref={root} className="printed-pages" data-testid="print-document" data-pages={pages.length}>
      {pages.map((page, index) => (
        <section key={index} data-sheet={index} className={`printed-sheet ${orientation}`} aria-label={`Trang ${index + 1}`}>
          {near.has(index) && <PageDrawing page={page} orientation={orientation} />}
        </section>
      ))}
      </div>
    </>
  );
}
