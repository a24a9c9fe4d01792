/**
 * One attempt's abort wiring: a per-attempt timeout plus the caller's signal, handed to fetch as
 * `fetch(request, { signal })`. The signal goes to the fetch call, not into openapi-fetch's `Request`: following
 * a signal from a `Request` costs ~25 µs in undici, and fetch follows `init.signal` anyway.
 *
 * Making an AbortSignal costs ~2 µs on Node 20, a tenth of a whole stubbed call, so an attempt without a caller
 * signal borrows an idle controller: one whose signal never fired, left by an attempt whose response was read to
 * the end. Aborting it later cannot touch that finished request (undici ignores an abort once the body is
 * consumed). Each controller serves at most MAX_USES attempts, which bounds the abort listeners undici leaves on
 * its signal until their requests are collected.
 *
 * The timer is armed lazily: once the chain of promise callbacks that started the attempt has run out (before the
 * event loop goes on to I/O), if the attempt is still running then. A request waiting for the network has its
 * timer before the event loop polls for its response; an attempt that ends without ever waiting (a stubbed fetch)
 * never needs one. The timer runs the full `timeoutMs` from then; it could not have fired earlier anyway, since
 * timers only run between tasks.
 */
import { ConnectionError, TimeoutError } from "./errors.js";
import { sanitizeUrl } from "./redact.js";

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

const BY_TIMEOUT = 1;
const BY_CALLER = 2;

interface Lease {
  controller: AbortController;
  uses: number;
}
const MAX_USES = 64;
const MAX_IDLE = 16;
/** Idle controllers, shared by every client (none of them has ever been aborted). */
const idle: Lease[] = [];

/** Attempts started since the event loop last turned; armPending gives the ones still running their timer. */
let pending: Attempt[] = [];
let armScheduled = false;
/**
 * Node's process.nextTick runs once the current chain of promise callbacks has run out, before the event loop goes
 * on to I/O, and costs an array push; elsewhere a zero timeout.
 */
const nodeProcess = (globalThis as { process?: { nextTick?: (callback: () => void) => void } }).process;
const nextTurn: (callback: () => void) => unknown =
  typeof nodeProcess?.nextTick === "function" ? nodeProcess.nextTick.bind(nodeProcess) : (callback) => setTimeout(callback, 0);

function armPending(): void {
  armScheduled = false;
  const attempts = pending;
  pending = [];
  for (const attempt of attempts) attempt.arm();
}

export class Attempt {
  /** 0, or who aborted first: BY_TIMEOUT / BY_CALLER. */
  abortedBy = 0;
  /** fetch resolved with a response (so later network errors happened while reading the body). */
  responded = false;
  /** The request sent, for error messages. */
  private request: Request | undefined;
  /** Sent by sendDirect. */
  private direct = false;
  private readonly init: RequestInit | undefined;
  private readonly controller: AbortController | undefined;
  /** The borrowed controller, handed back by `finish(true)`. */
  private readonly lease: Lease | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Set by finish(): a timer armed after it would be for nothing. */
  private finished = false;
  private readonly onCallerAbort: (() => void) | undefined;

  constructor(
    private readonly baseFetch: FetchLike,
    private readonly timeoutMs: number,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    if (timeoutMs > 0 && timeoutMs < 2_147_483_648) {
      if (callerSignal) {
        this.controller = new AbortController();
        this.onCallerAbort = () => this.abort(BY_CALLER, callerSignal.reason);
        callerSignal.addEventListener("abort", this.onCallerAbort, { once: true });
        if (callerSignal.aborted) this.onCallerAbort();
      } else {
        this.lease = idle.pop() ?? { controller: new AbortController(), uses: 0 };
        this.controller = this.lease.controller;
      }
      this.init = { signal: this.controller.signal };
      pending.push(this);
      if (!armScheduled) {
        armScheduled = true;
        nextTurn(armPending);
      }
    } else if (callerSignal) {
      this.init = { signal: callerSignal };
    }
  }

  /**
   * Sends the request through the client's fetch with this attempt's signal, as is: for a call without middleware,
   * where nothing but fetch and the body can fail once it is sent (see `failed`).
   */
  sendDirect(request: Request): Promise<Response> {
    this.request = request;
    this.direct = true;
    return this.baseFetch(request, this.init);
  }

  /** Sends the request through the client's fetch with this attempt's signal; a rejection becomes `failure()`. */
  async send(request: Request): Promise<Response> {
    this.request = request;
    try {
      const response = await this.baseFetch(request, this.init);
      this.responded = true;
      return response;
    } catch (error) {
      throw this.failure(error);
    }
  }

  /**
   * Clears the timer and the caller listener. Call once the body has been read (`done`: the controller may serve
   * another attempt), or the attempt failed.
   */
  finish(done = false): void {
    this.finished = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    // Calls awaited one after another leave nothing behind in `pending`.
    else if (pending[pending.length - 1] === this) pending.pop();
    if (this.onCallerAbort) this.callerSignal?.removeEventListener("abort", this.onCallerAbort);
    const lease = this.lease;
    if (done && lease && this.abortedBy === 0 && ++lease.uses < MAX_USES && idle.length < MAX_IDLE) idle.push(lease);
  }

  /** Starts the timeout (called at the next turn of the event loop). */
  arm(): void {
    if (!this.finished && this.timer === undefined && this.abortedBy === 0) this.timer = setTimeout(onTimeout, this.timeoutMs, this);
  }

  abort(by: number, reason?: unknown): void {
    if (this.abortedBy !== 0) return;
    this.abortedBy = by;
    this.controller?.abort(reason);
  }

  /**
   * What a call that threw `thrown` during this attempt throws: the attempt's `failure()` when the attempt was
   * aborted, when fetch or reading the body failed (for a direct send, anything after the request went out; else a
   * TypeError once the response came), and `thrown` itself otherwise (a serializer, a token function, middleware).
   */
  failed(thrown: unknown): unknown {
    if (this.abortedBy !== 0 || this.callerSignal?.aborted) return this.failure(thrown);
    if (this.direct ? this.request !== undefined : this.responded && thrown instanceof TypeError) return this.failure(thrown);
    return thrown;
  }

  /**
   * The error to surface for a failure of this attempt: the caller's abort reason unchanged, a TimeoutError, or a
   * ConnectionError wrapping the fetch error.
   */
  failure(error: unknown): unknown {
    if (this.abortedBy === BY_CALLER || (this.abortedBy === 0 && this.callerSignal?.aborted)) return this.callerSignal?.reason;
    const method = this.request?.method ?? "";
    const url = sanitizeUrl(this.request?.url ?? "");
    if (this.abortedBy === BY_TIMEOUT) return new TimeoutError(method, url, this.timeoutMs);
    if (error instanceof ConnectionError) return error;
    return new ConnectionError(method, url, error);
  }
}

function onTimeout(attempt: Attempt): void {
  attempt.abort(BY_TIMEOUT);
}
