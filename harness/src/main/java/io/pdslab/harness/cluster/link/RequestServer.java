package io.pdslab.harness.cluster.link;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's door for the driver's clients: a TCP server that answers each request object with the
 * handler's reply object, one connection per client, requests on a connection one at a time. For
 * engines with no client protocol of their own (a JGroups channel, unlike a Pekko cluster, has no
 * place for outsiders).
 *
 * <p>Objects travel with Java serialization, filtered to the classes {@code allowed} names (an
 * {@link ObjectInputFilter} pattern such as {@code io.pdslab.**;java.**}); both ends are pdslab's
 * own processes of one run.
 */
public final class RequestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RequestServer.class);

  private final ServerSocket socket;
  private final UnaryOperator<Object> handler;
  private final ObjectInputFilter filter;

  private RequestServer(ServerSocket socket, UnaryOperator<Object> handler, String allowed) {
    this.socket = socket;
    this.handler = handler;
    this.filter = ObjectInputFilter.Config.createFilter(allowed + ";!*");
  }

  /** Listens on {@code host:port} and serves on daemon threads until {@link #close}. */
  public static RequestServer start(
      String host, int port, String allowed, UnaryOperator<Object> handler) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 50);
    RequestServer server = new RequestServer(socket, handler, allowed);
    daemon("requests-accept", server::accept).start();
    return server;
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        daemon("requests-" + s.getPort(), () -> serve(s)).start();
      } catch (IOException e) {
        if (!socket.isClosed()) {
          LOG.warn("accepting a client failed: {}", e.toString());
        }
      }
    }
  }

  private void serve(Socket s) {
    try (s;
        ObjectOutputStream out =
            new ObjectOutputStream(new BufferedOutputStream(s.getOutputStream()))) {
      s.setTcpNoDelay(true);
      out.flush();
      ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(s.getInputStream()));
      in.setObjectInputFilter(filter);
      while (true) {
        Object request = in.readObject();
        Object reply = handler.apply(request);
        out.writeObject(reply);
        out.reset(); // no back-references to earlier replies: each one is read on its own
        out.flush();
      }
    } catch (java.io.EOFException | java.net.SocketException gone) {
      // The client closed the connection (or gave up on a slow reply): nothing to answer.
    } catch (IOException | ClassNotFoundException e) {
      LOG.warn("a client's connection failed: {}", e.toString());
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
