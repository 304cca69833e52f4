// Mirrors k8s.io/apimachinery/pkg/selection/operator.go: the operators of label and field selectors.

export type Operator = '!' | '=' | '==' | 'in' | '!=' | 'notin' | 'exists' | 'gt' | 'lt';

export const DoesNotExist: Operator = '!';
export const Equals: Operator = '=';
export const DoubleEquals: Operator = '==';
export const In: Operator = 'in';
export const NotEquals: Operator = '!=';
export const NotIn: Operator = 'notin';
export const Exists: Operator = 'exists';
export const GreaterThan: Operator = 'gt';
export const LessThan: Operator = 'lt';
