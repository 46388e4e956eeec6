/**
 * Given code of the RPC lab: the messages and their wire format ({@link
 * io.pdslab.labs.rpc.given.RpcMessage}, {@link io.pdslab.labs.rpc.given.Wire}, {@link
 * io.pdslab.labs.rpc.given.Op}), the store behind the server, the client's settings, the pipeline
 * helpers and the fault-injecting handler the tests put between client and server.
 *
 * <p><b>Not yours to edit:</b> the tests rely on this code, and the grader ignores (and reports)
 * any change a submission makes here. Your files are the classes of {@code io.pdslab.labs.rpc}.
 */
package io.pdslab.labs.rpc.given;
