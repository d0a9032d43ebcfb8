/** Structured logging: one JSON object per line, {"ts", "level", "event", …fields}. */

/** Log levels, least to most severe. */
export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;

/** One of LOG_LEVELS. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Fields attached to an event. */
export type LogFields = Record<string, unknown>;

/** A structured event logger. */
export interface Logger {
  /** Logs a debug event. */
  debug(event: string, fields?: LogFields): void;
  /** Logs an info event. */
  info(event: string, fields?: LogFields): void;
  /** Logs a warning event. */
  warn(event: string, fields?: LogFields): void;
  /** Logs an error event. */
  error(event: string, fields?: LogFields): void;
}

/** Whether `text` names a log level. */
export function isLogLevel(text: string): text is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(text);
}

/** Creates a logger writing JSON lines at or above `level` through `write` (stdout by default). */
export function createJsonLogger(level: LogLevel, write: (line: string) => void = (l) => process.stdout.write(l), now: () => number = Date.now): Logger {
  const min = LOG_LEVELS.indexOf(level);
  const emit =
    (lvl: LogLevel) =>
    (event: string, fields: LogFields = {}): void => {
      if (LOG_LEVELS.indexOf(lvl) < min) return;
      const record = { ts: new Date(now()).toISOString(), level: lvl, event, ...fields };
      write(`${JSON.stringify(record, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}\n`);
    };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

/** A logger that drops everything (library default and tests). */
export const silentLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
