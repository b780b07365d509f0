package dev.clickwrap.relay.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange written byte by byte on a plain socket, for requests that
 * {@link java.net.http.HttpClient} refuses to send: a Content-Length that lies, a broken
 * chunked body, header names in any case, repeated headers. Only the status line and the
 * headers of the answer are read.
 */
final class RawHttpExchange {

	/**
	 * The status recorded when the server closed or reset the connection without
	 * answering.
	 */
	static final int NO_ANSWER = -1;

	private static final int TIMEOUT_MILLIS = 20_000;

	private static final int MAX_HEAD_SIZE = 64 * 1024;

	/** CR LF CR LF as the last four bytes read. */
	private static final int END_OF_HEAD = 0x0D0A0D0A;

	private RawHttpExchange() {
	}

	/**
	 * Sends a request and reads the head of the answer.
	 * @param port the loopback port
	 * @param head the request line and headers, each line ending in CRLF, without the
	 * blank line that ends them
	 * @param body the bytes sent after the blank line, exactly as given
	 * @param halfClose whether to shut down the sending side after the body, as a client
	 * that gave up would
	 * @return the status and the {@code Content-Type} of the answer
	 * @throws IOException if the loopback connection cannot be opened
	 */
	static Answer send(int port, String head, byte[] body, boolean halfClose) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			try {
				OutputStream out = socket.getOutputStream();
				out.write((head + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
				out.write(body);
				out.flush();
				if (halfClose) {
					socket.shutdownOutput();
				}
			}
			catch (SocketException ex) {
				// the server may answer and close before the whole body is written; its
				// answer is still readable
			}
			return readHead(socket.getInputStream());
		}
	}

	private static Answer readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int lastFour = 0;
		try {
			int next;
			while (lastFour != END_OF_HEAD && head.size() < MAX_HEAD_SIZE && (next = in.read()) != -1) {
				head.write(next);
				lastFour = (lastFour << 8) | next;
			}
		}
		catch (SocketException ex) {
			return new Answer(NO_ANSWER, null);
		}
		String text = head.toString(StandardCharsets.ISO_8859_1);
		if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
			return new Answer(NO_ANSWER, null);
		}
		int status = Integer.parseInt(text.substring(9, 12));
		String contentType = null;
		for (String line : text.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
				contentType = line.substring("content-type:".length()).trim();
			}
		}
		return new Answer(status, contentType);
	}

	/**
	 * What came back.
	 *
	 * @param status the HTTP status, or {@link #NO_ANSWER}
	 * @param contentType the {@code Content-Type} header, or {@code null}
	 */
	record Answer(int status, String contentType) {
	}

}
