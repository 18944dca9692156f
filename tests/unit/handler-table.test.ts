/**
 * Issue 15, point 2: each domain declares its handlers (src/main/handlers/<domain>.ts), and one place
 * combines them, refusing a method declared twice, a method the contract lacks, or one left without a handler.
 */
import { describe, expect, it } from 'vitest';
import { combineHandlers, type HandlerGroup } from '../../src/main/handlers/table';
import { combineMethods, methods } from '../../src/shared/api';
import { modelMethods } from '../../src/shared/contract/models';
import { openTestApp } from './helpers';

const answer = async () => ({ ok: true as const });

describe('the handler table', () => {
  it('has one handler for every method of the contract, and nothing else', async () => {
    const app = await openTestApp();
    expect(Object.keys(app.handlers).sort()).toEqual(Object.keys(methods).sort());
  });

  it('refuses a method two domains declare, naming both', () => {
    const models: HandlerGroup = { 'members.remove': answer };
    const subjects: HandlerGroup = { 'members.remove': answer };
    expect(() => combineHandlers({ models, subjects })).toThrow('Method "members.remove" has a handler in both "models" and "subjects".');
  });

  it('refuses a contract left with methods no domain answers', () => {
    expect(() => combineHandlers({ models: { 'members.remove': answer } })).toThrow(/Methods of the contract with no handler: .*app\.info/);
  });

  it('refuses a handler for a method the contract does not have', () => {
    const everything = Object.fromEntries(Object.keys(methods).map((method) => [method, answer])) as HandlerGroup;
    expect(() => combineHandlers({ all: everything, stray: { 'models.xoaHet': answer } as HandlerGroup })).toThrow('Handlers for methods the contract does not have: models.xoaHet.');
  });

  it('the contract itself refuses a method two domains declare', () => {
    expect(() => combineMethods(modelMethods, { 'members.remove': modelMethods['members.remove'] })).toThrow('Method "members.remove" is declared twice in the contract.');
    expect(Object.keys(combineMethods(modelMethods))).toEqual(Object.keys(modelMethods));
  });
});
