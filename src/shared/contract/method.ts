/** How a method of the contract is declared: its input schema and the access it needs. */
import { z } from 'zod';
import { id } from '../common';

/** 'public': answered before sign-in (signing in, the first run); the others need a signed-in account of a role that has them. */
export type Access = 'public' | 'read' | 'write' | 'admin';

export const method = <Input extends z.ZodType>(input: Input, access: Access) => ({ input, access });
export type MethodDefinition = ReturnType<typeof method>;

/** No input. */
export const none = z.object({}).default({});
/** One record, by its id. */
export const byId = z.object({ id });
