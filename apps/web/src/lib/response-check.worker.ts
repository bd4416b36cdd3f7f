/// <reference lib="webworker" />
import { checkResponse, type RESPONSE_SCHEMAS } from './response-schemas';

/** Checks API answers against the shared schemas off the main thread (lib/response-checks.ts). */
export interface CheckRequest {
  id: number;
  name: keyof typeof RESPONSE_SCHEMAS;
  text: string;
}
export interface CheckAnswer {
  id: number;
  problem: string | null;
}

self.onmessage = (e: MessageEvent<CheckRequest>) => {
  const { id, name, text } = e.data;
  const answer: CheckAnswer = { id, problem: checkResponse(name, text) };
  self.postMessage(answer);
};
