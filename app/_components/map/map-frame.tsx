"use client";

import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import { select } from "d3-selection";
import { zoom, zoomIdentity, type ZoomBehavior } from "d3-zoom";
// The server simplifies paths to stay exact up to this zoom (lib/core/map/simplify-stream.ts).
import { MAP_MAX_ZOOM } from "@/lib/core/map/map-data";
import styles from "./map.module.css";

const STEP = 1.6;

interface Tip {
  text: string;
  /** Anchor in px from the stage's top-left corner. */
  xPx: number;
  yPx: number;
  stageWidthPx: number;
}

/** Event props that show a text tooltip on hover and on keyboard focus. */
export interface TipProps {
  onPointerEnter: (e: React.PointerEvent<Element>) => void;
  onPointerMove: (e: React.PointerEvent<Element>) => void;
  onPointerLeave: () => void;
  onFocus: (e: React.FocusEvent<Element>) => void;
  onBlur: () => void;
}

interface MapFrameContext {
  /** viewBox units per CSS pixel at the current zoom: multiply a size in px by it to draw it at that size. */
  unit: number;
  tipProps: (text: string) => TipProps;
}

const FrameContext = createContext<MapFrameContext>({
  unit: 1,
  tipProps: () => ({ onPointerEnter: () => {}, onPointerMove: () => {}, onPointerLeave: () => {}, onFocus: () => {}, onBlur: () => {} }),
});

/** The current zoom's unit and the tooltip handlers, for the layers drawn inside a MapFrame. */
export function useMapFrame(): MapFrameContext {
  return useContext(FrameContext);
}

export interface MapFrameProps {
  testId: string;
  title: string;
  widthPx: number;
  heightPx: number;
  /** The map's layers, in viewBox coordinates; they pan and zoom together. */
  children: ReactNode;
  /** Under the map: notes and the legend. */
  footer?: ReactNode;
}

/**
 * The frame both maps share: a figure with a caption, a responsive SVG (viewBox, full width),
 * pan and zoom with d3-zoom on one group (wheel, drag, pinch, double-click, and three buttons for
 * the keyboard), and a text-only tooltip. One-finger touches only pan once zoomed in, so a phone
 * can still scroll past the map.
 */
export function MapFrame({ testId, title, widthPx, heightPx, children, footer }: MapFrameProps) {
  const captionId = useId();
  const stageRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const layerRef = useRef<SVGGElement>(null);
  const behaviorRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const [zoomK, setZoomK] = useState(1);
  // The zoom filter runs outside React's render: it reads the zoom factor from a ref.
  const zoomKRef = useRef(1);
  // CSS px per viewBox unit at zoom 1 (the SVG scales with its width); 1 until measured.
  const [pxPerUnit, setPxPerUnit] = useState(1);
  const [tip, setTip] = useState<Tip | null>(null);

  useEffect(() => {
    const svg = svgRef.current;
    const layer = layerRef.current;
    if (!svg || !layer) return;
    const behavior = zoom<SVGSVGElement, unknown>()
      .extent([[0, 0], [widthPx, heightPx]])
      .scaleExtent([1, MAP_MAX_ZOOM])
      .translateExtent([[0, 0], [widthPx, heightPx]])
      .filter((event: Event) => {
        if (typeof TouchEvent !== "undefined" && event instanceof TouchEvent) {
          return event.touches.length >= 2 || zoomKRef.current > 1;
        }
        const mouse = event as MouseEvent;
        return (!mouse.ctrlKey || event.type === "wheel") && !mouse.button;
      })
      .on("zoom", (event: { transform: { k: number; toString(): string } }) => {
        layer.setAttribute("transform", event.transform.toString());
        zoomKRef.current = event.transform.k;
        setZoomK(event.transform.k);
        setTip(null);
      });
    const selection = select(svg);
    selection.call(behavior);
    behaviorRef.current = behavior;
    return () => {
      selection.on(".zoom", null);
      behaviorRef.current = null;
    };
  }, [widthPx, heightPx]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || typeof ResizeObserver === "undefined") return;
    const measure = () => {
      const w = svg.getBoundingClientRect().width;
      if (w > 0) setPxPerUnit(w / widthPx);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(svg);
    return () => observer.disconnect();
  }, [widthPx]);

  const zoomBy = useCallback((factor: number) => {
    const svg = svgRef.current;
    const behavior = behaviorRef.current;
    if (svg && behavior) behavior.scaleBy(select(svg), factor);
  }, []);
  const reset = useCallback(() => {
    const svg = svgRef.current;
    const behavior = behaviorRef.current;
    if (svg && behavior) behavior.transform(select(svg), zoomIdentity);
  }, []);

  const tipProps = useCallback((text: string): TipProps => {
    const fromPointer = (e: React.PointerEvent<Element>) => {
      const stage = stageRef.current?.getBoundingClientRect();
      if (stage) setTip({ text, xPx: e.clientX - stage.left, yPx: e.clientY - stage.top, stageWidthPx: stage.width });
    };
    return {
      onPointerEnter: fromPointer,
      onPointerMove: fromPointer,
      onPointerLeave: () => setTip(null),
      onFocus: (e) => {
        const stage = stageRef.current?.getBoundingClientRect();
        const target = e.currentTarget.getBoundingClientRect();
        if (stage) {
          setTip({ text, xPx: target.left + target.width / 2 - stage.left, yPx: target.top + target.height / 2 - stage.top, stageWidthPx: stage.width });
        }
      },
      onBlur: () => setTip(null),
    };
  }, []);

  const context = useMemo<MapFrameContext>(() => ({ unit: 1 / (zoomK * pxPerUnit), tipProps }), [zoomK, pxPerUnit, tipProps]);

  // Keep the tooltip inside the stage: anchor it on the side of the pointer with more room.
  const tipStyle: React.CSSProperties | undefined = tip
    ? {
        top: tip.yPx + 14,
        ...(tip.xPx > tip.stageWidthPx / 2 ? { right: tip.stageWidthPx - tip.xPx + 8 } : { left: tip.xPx + 8 }),
      }
    : undefined;

  return (
    <figure className={styles.figure} data-testid={testId}>
      <figcaption id={captionId} className={styles.caption}>
        {title}
      </figcaption>
      <div
        className={styles.stage}
        ref={stageRef}
        onKeyDown={(e) => {
          if (e.key === "Escape") setTip(null);
        }}
      >
        <svg
          ref={svgRef}
          className={styles.svg}
          viewBox={`0 0 ${widthPx} ${heightPx}`}
          width="100%"
          preserveAspectRatio="xMidYMid meet"
          aria-labelledby={captionId}
        >
          <rect className={styles.sea} x={0} y={0} width={widthPx} height={heightPx} />
          <FrameContext.Provider value={context}>
            <g ref={layerRef}>{children}</g>
          </FrameContext.Provider>
        </svg>
        <div className={styles.controls}>
          <button type="button" onClick={() => zoomBy(STEP)} aria-label="Zoom in" title="Zoom in">
            +
          </button>
          <button type="button" onClick={() => zoomBy(1 / STEP)} aria-label="Zoom out" title="Zoom out">
            −
          </button>
          <button type="button" onClick={reset} aria-label="Reset zoom" title="Reset zoom">
            ⟲
          </button>
        </div>
        {tip && (
          <div className={styles.tooltip} style={tipStyle} role="tooltip" data-testid="map-tooltip">
            {tip.text}
          </div>
        )}
      </div>
      {footer}
    </figure>
  );
}

