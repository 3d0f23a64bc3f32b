/** Types of render-gate.mjs (plain JavaScript: the web server's entry loads it uncompiled). */
export declare const RENDER_HEADER: "x-darkflight-render";
export declare function needsRenderSlot(method: string | undefined, url: string | undefined, headers: Record<string, string | string[] | undefined>): boolean;
export interface RenderGate {
  acquire(): Promise<() => void>;
  readonly running: number;
  readonly waiting: number;
}
export declare function createRenderGate(limit: number): RenderGate;
export declare function gateRenders(
  gate: Pick<RenderGate, "acquire">,
  handle: (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void,
): (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void;
