// Types of deploy/nginx/local.mjs, for the TypeScript test that uses it (apps/api/src/nginx.test.ts).
export const DASHBOARD_CONF: string;
export const NGINX: string;
export function nginxInstalled(): boolean;
export function freePort(): Promise<number>;
export function renderDashboardConf(replacements: Array<[from: string, to: string]>): string;
export interface LocalNginx {
  dir: string;
  port: number;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  pid: number;
  workers(): number[];
  /** What nginx printed and its error log. */
  output(): string;
  stop(): Promise<void>;
}
export function startNginx(options: { upstream: string; extra?: string }): Promise<LocalNginx>;
