// Mirrors the lexer and parser of k8s.io/apimachinery/pkg/labels/selector.go: the label selector
// grammar (`a=b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`) with upstream's errors.
import * as selection from '../selection/operator.js';
import type { Operator } from '../selection/operator.js';
import type { Path } from '../util/validation/field/errors.js';
import { binaryOperators, InternalSelector, newRequirement, validateLabelKey, FieldErrorsError, type Requirement, type Selector } from './selector.js';
import { compareStrings } from './labels.js';

export enum Token {
  Error,
  EndOfString,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

const string2token: Record<string, Token> = {
  ')': Token.ClosedPar,
  ',': Token.Comma,
  '!': Token.DoesNotExist,
  '==': Token.DoubleEquals,
  '=': Token.Equals,
  '>': Token.GreaterThan,
  in: Token.In,
  '<': Token.LessThan,
  '!=': Token.NotEquals,
  notin: Token.NotIn,
  '(': Token.OpenPar,
};
const tokenOf = (s: string): Token | undefined => (Object.prototype.hasOwnProperty.call(string2token, s) ? string2token[s] : undefined);

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string) => '=!(),><'.includes(ch) && ch !== '';

interface ScannedItem {
  tok: Token;
  literal: string;
}

/** Lexer splits a selector string into tokens, one at a time. */
export class Lexer {
  private pos = 0;
  constructor(private readonly s: string) {}

  private read(): string {
    return this.pos < this.s.length ? this.s[this.pos++]! : '';
  }
  private unread(): void {
    this.pos--;
  }

  private scanIDOrKeyword(): ScannedItem {
    let buf = '';
    for (;;) {
      const ch = this.read();
      if (ch === '') break;
      if (isSpecialSymbol(ch) || isWhitespace(ch)) {
        this.unread();
        break;
      }
      buf += ch;
    }
    return { tok: tokenOf(buf) ?? Token.Identifier, literal: buf };
  }

  // scanSpecialSymbol takes the longest operator: "!=" over "!", "==" over "=".
  private scanSpecialSymbol(): ScannedItem {
    let last: ScannedItem | undefined;
    let buf = '';
    for (;;) {
      const ch = this.read();
      if (ch === '') break;
      if (!isSpecialSymbol(ch)) {
        this.unread();
        break;
      }
      buf += ch;
      const tok = tokenOf(buf);
      if (tok !== undefined) last = { tok, literal: buf };
      else if (last) {
        this.unread();
        break;
      }
    }
    return last ?? { tok: Token.Error, literal: `error expected: keyword found '${buf}'` };
  }

  lex(): ScannedItem {
    let ch = this.read();
    while (isWhitespace(ch)) ch = this.read();
    if (ch === '') return { tok: Token.EndOfString, literal: '' };
    this.unread();
    return isSpecialSymbol(ch) ? this.scanSpecialSymbol() : this.scanIDOrKeyword();
  }
}

const enum Context {
  KeyAndOperator,
  Values,
}

class Parser {
  private items: ScannedItem[] = [];
  private position = 0;
  constructor(private readonly lexer: Lexer, private readonly path: Path | undefined) {}

  // In the Values context "in" and "notin" are plain identifiers ("x in (in)").
  private lookahead(ctx: Context): ScannedItem {
    const it = this.items[this.position]!;
    return ctx === Context.Values && (it.tok === Token.In || it.tok === Token.NotIn) ? { tok: Token.Identifier, literal: it.literal } : it;
  }
  private consume(ctx: Context): ScannedItem {
    const it = this.lookahead(ctx);
    this.position++;
    return it;
  }

  parse(): Requirement[] {
    for (;;) {
      const it = this.lex();
      this.items.push(it);
      if (it.tok === Token.EndOfString) break;
    }
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, literal } = this.lookahead(Context.Values);
      switch (tok) {
        case Token.Identifier:
        case Token.DoesNotExist: {
          try {
            reqs.push(this.parseRequirement());
          } catch (e) {
            throw new Error(`unable to parse requirement: ${(e as Error).message}`);
          }
          const t = this.consume(Context.Values);
          if (t.tok === Token.EndOfString) return reqs;
          if (t.tok === Token.Comma) {
            const t2 = this.lookahead(Context.Values);
            if (t2.tok !== Token.Identifier && t2.tok !== Token.DoesNotExist) {
              throw new Error(`found '${t2.literal}', expected: identifier after ','`);
            }
            break;
          }
          throw new Error(`found '${t.literal}', expected: ',' or 'end of string'`);
        }
        case Token.EndOfString:
          return reqs;
        default:
          throw new Error(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private lex(): ScannedItem {
    return this.lexer.lex();
  }

  private parseRequirement(): Requirement {
    const { key, operator } = this.parseKeyAndInferOperator();
    if (operator === selection.Exists || operator === selection.DoesNotExist) {
      return newRequirement(key, operator, [], this.path);
    }
    const op = this.parseOperator();
    const values = op === selection.In || op === selection.NotIn ? this.parseValues() : this.parseExactValue();
    // Go collects values in a sets.String and lists them sorted and de-duplicated.
    return newRequirement(key, op, [...values].sort(compareStrings), this.path);
  }

  private parseKeyAndInferOperator(): { key: string; operator: Operator | '' } {
    let operator: Operator | '' = '';
    let it = this.consume(Context.Values);
    if (it.tok === Token.DoesNotExist) {
      operator = selection.DoesNotExist;
      it = this.consume(Context.Values);
    }
    if (it.tok !== Token.Identifier) throw new Error(`found '${it.literal}', expected: identifier`);
    const err = validateLabelKey(it.literal, this.path);
    if (err) throw new FieldErrorsError([err]);
    const next = this.lookahead(Context.Values).tok;
    if ((next === Token.EndOfString || next === Token.Comma) && operator !== selection.DoesNotExist) {
      operator = selection.Exists;
    }
    return { key: it.literal, operator };
  }

  private parseOperator(): Operator {
    const { tok, literal } = this.consume(Context.KeyAndOperator);
    switch (tok) {
      case Token.In: return selection.In;
      case Token.Equals: return selection.Equals;
      case Token.DoubleEquals: return selection.DoubleEquals;
      case Token.GreaterThan: return selection.GreaterThan;
      case Token.LessThan: return selection.LessThan;
      case Token.NotIn: return selection.NotIn;
      case Token.NotEquals: return selection.NotEquals;
      default:
        throw new Error(`found '${literal}', expected: ${binaryOperators.join(', ')}`);
    }
  }

  private parseValues(): Set<string> {
    let it = this.consume(Context.Values);
    if (it.tok !== Token.OpenPar) throw new Error(`found '${it.literal}' expected: '('`);
    it = this.lookahead(Context.Values);
    switch (it.tok) {
      case Token.Identifier:
      case Token.Comma: {
        const s = this.parseIdentifiersList();
        if (this.consume(Context.Values).tok !== Token.ClosedPar) throw new Error(`found '${it.literal}', expected: ')'`);
        return s;
      }
      case Token.ClosedPar:
        this.consume(Context.Values);
        return new Set(['']);
      default:
        throw new Error(`found '${it.literal}', expected: ',', ')' or identifier`);
    }
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const it = this.consume(Context.Values);
      switch (it.tok) {
        case Token.Identifier: {
          s.add(it.literal);
          const t2 = this.lookahead(Context.Values);
          if (t2.tok === Token.Comma) continue;
          if (t2.tok === Token.ClosedPar) return s;
          throw new Error(`found '${t2.literal}', expected: ',' or ')'`);
        }
        case Token.Comma: {
          if (s.size === 0) s.add(''); // "(,"
          const t2 = this.lookahead(Context.Values).tok;
          if (t2 === Token.ClosedPar) {
            s.add(''); // ",)"
            return s;
          }
          if (t2 === Token.Comma) {
            this.consume(Context.Values);
            s.add(''); // ",,"
          }
          break;
        }
        default:
          throw new Error(`found '${it.literal}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const t = this.lookahead(Context.Values).tok;
    if (t === Token.EndOfString || t === Token.Comma) return new Set(['']);
    const it = this.consume(Context.Values);
    if (it.tok === Token.Identifier) return new Set([it.literal]);
    throw new Error(`found '${it.literal}', expected: identifier`);
  }
}

/** parseToRequirements parses a selector string into requirements sorted by key. */
export function parseToRequirements(selector: string, path?: Path): Requirement[] {
  return new InternalSelector(new Parser(new Lexer(selector), path).parse()).reqs.slice();
}

/**
 * parse turns a selector string into a Selector, throwing upstream's message on bad input, e.g.
 * "found ',', expected: !, identifier, or 'end of string'".
 */
export function parse(selector: string, path?: Path): Selector {
  return new InternalSelector(new Parser(new Lexer(selector), path).parse());
}
