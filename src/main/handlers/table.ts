/**
 * What a domain's handlers are, and the one place they are combined into the handler table: a method
 * declared by two domains, or by none, stops the app at start (as Actual's app.combine does).
 */
import { methods, type ApiResult, type Method, type ParsedInput } from '../../shared/api';
import type { Context } from '../services/context';
import type { Session } from '../session';

/** What a handler gets: the services' context, and the session of the connection the call came on. */
export type HandlerContext = Context & { session: Session };

export type Handler<M extends Method> = (ctx: HandlerContext, input: ParsedInput<M>) => Promise<ApiResult<M>>;
export type Handlers = { [M in Method]: Handler<M> };
/** A domain's share of the table: its own methods only. */
export type HandlerGroup = Partial<Handlers>;

export function combineHandlers(groups: Record<string, HandlerGroup>): Handlers {
  const combined: Record<string, unknown> = {};
  const owner: Record<string, string> = {};
  for (const [domain, group] of Object.entries(groups)) {
    for (const [method, handler] of Object.entries(group)) {
      if (Object.hasOwn(combined, method)) throw new Error(`Method "${method}" has a handler in both "${owner[method]}" and "${domain}".`);
      combined[method] = handler;
      owner[method] = domain;
    }
  }
  const unknown = Object.keys(combined).filter((method) => !Object.hasOwn(methods, method));
  if (unknown.length > 0) throw new Error(`Handlers for methods the contract does not have: ${unknown.join(', ')}.`);
  const missing = Object.keys(methods).filter((method) => !Object.hasOwn(combined, method));
  if (missing.length > 0) throw new Error(`Methods of the contract with no handler: ${missing.join(', ')}.`);
  return combined as Handlers;
}
