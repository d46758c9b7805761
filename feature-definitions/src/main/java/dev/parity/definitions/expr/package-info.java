/**
 * The expression language (reference: {@code feature-definitions/EXPRESSIONS.md}).
 *
 * <p>Public API: {@link dev.parity.definitions.expr.Expressions}, {@link
 * dev.parity.definitions.expr.CompiledExpression}, {@link dev.parity.definitions.expr.Scope},
 * {@link dev.parity.definitions.expr.ExpressionException}. Everything else is package-private:
 *
 * <ul>
 *   <li>{@code Lexer}, {@code Parser} → {@code Ast} (untyped, with offsets);
 *   <li>{@code Checker}, {@code Functions}, {@code Casts}: typing, promotions, constant folding →
 *       a tree of {@code Node}s;
 *   <li>{@code Kernels}, {@code StringKernels}, {@code Cmp}, {@code Murmur3}: the scalar semantics,
 *       written once;
 *   <li>{@code Leaf}, {@code UnaryNodes}, {@code BinaryNodes}, {@code SpecialNodes}: each node has
 *       a typed row method ({@code evalLong/evalDouble/evalBool/evalString} with a {@code
 *       NullFlag}) and a column method ({@code evalBatch} over {@code Vec} arrays), both calling
 *       the kernels;
 *   <li>{@code ArrowColumns}, {@code RowValues}: the Arrow and {@code Object[]} boundaries.
 * </ul>
 */
package dev.parity.definitions.expr;
