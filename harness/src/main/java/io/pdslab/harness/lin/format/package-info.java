/**
 * History file formats: Jepsen etcd register logs ({@link
 * io.pdslab.harness.lin.format.EtcdLogFormat}), Jepsen EDN key-value logs ({@link
 * io.pdslab.harness.lin.format.EdnKvFormat}) and the project's own JSON format ({@link
 * io.pdslab.harness.lin.format.JsonHistoryFormat}).
 *
 * <h2>The pdslab JSON history format, version 1</h2>
 *
 * <pre>{@code
 * {
 *   "format": "pdslab-history",
 *   "version": 1,
 *   "model": "kv",
 *   "operations": [
 *     {"client": 0, "call": 0, "return": 5, "f": "put",    "key": "x", "value": "1"},
 *     {"client": 1, "call": 1, "return": 6, "f": "get",    "key": "x", "output": "1"},
 *     {"client": 2, "call": 2,              "f": "append", "key": "x", "value": "2"}
 *   ]
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@code model}: {@code "kv"} (get/put/append on string keys, every key starts as {@code ""})
 *       or {@code "cas-register"} (one register, starts nil).
 *   <li>{@code client}: integer id of the client (a lane in the HTML view).
 *   <li>{@code call}, {@code return}: integer times on one clock (any unit). No {@code return} (or
 *       {@code null}): the operation is pending — it never returned, may have taken effect at any
 *       point after its call, or never.
 *   <li>{@code f}: {@code kv}: {@code get}, {@code put}, {@code append} with {@code key} and (put,
 *       append) {@code value}; {@code cas-register}: {@code read}, {@code write} with {@code
 *       value}, {@code cas} with {@code expected} and {@code value}. Values are strings or numbers
 *       (compared as text); {@code null} is nil.
 *   <li>{@code output}, only on completed operations: the value a {@code get}/{@code read} returned
 *       ({@code null} for nil), {@code true}/{@code false} for a {@code cas}; omitted for writes.
 * </ul>
 *
 * Operations may appear in any order; fields not listed are ignored.
 */
package io.pdslab.harness.lin.format;
