package io.pdslab.harness.cluster.link;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * The driver's end of a {@link RequestServer}: sends a request, waits for its reply. One
 * connection, opened on first use and closed on any failure or timeout, so that a late reply can
 * never be taken for the answer to a later request; the next call connects again.
 */
public final class RequestClient implements AutoCloseable {
  private final InetSocketAddress address;
  private final int timeoutMillis;
  private final ObjectInputFilter filter;
  private Socket socket;
  private ObjectOutputStream out;
  private ObjectInputStream in;

  /**
   * @param host the server's host
   * @param port its port
   * @param timeout how long to wait to connect, and for each reply
   * @param allowed the classes a reply may contain, as in {@link RequestServer}
   */
  public RequestClient(String host, int port, Duration timeout, String allowed) {
    this.address = new InetSocketAddress(host, port);
    this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    this.filter = ObjectInputFilter.Config.createFilter(allowed + ";!*");
  }

  /** The reply to {@code request}; an IOException if the server could not be reached in time. */
  public synchronized Object call(Object request) throws IOException {
    try {
      if (socket == null) {
        connect();
      }
      out.writeObject(request);
      out.reset();
      out.flush();
      return in.readObject();
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      close();
      throw e instanceof IOException io ? io : new IOException(e);
    }
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    try {
      s.connect(address, timeoutMillis);
      s.setSoTimeout(timeoutMillis);
      s.setTcpNoDelay(true);
      out = new ObjectOutputStream(new BufferedOutputStream(s.getOutputStream()));
      out.flush();
      in = new ObjectInputStream(new BufferedInputStream(s.getInputStream()));
      in.setObjectInputFilter(filter);
      socket = s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  @Override
  public synchronized void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
    }
  }
}
