package org.bridgelab.app;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes pixels as a PNG picture (8-bit RGB, each row filtered against the pixel to its left, which turns
 * the flat colours of a window into runs of zeros for zlib). The window's screenshot used AWT's ImageIO
 * through SwingFXUtils: loading and compiling that path cost the window ~0.1 s of CPU per picture.
 */
final class PngFile {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte FILTER_SUB = 1;

    private PngFile() {}

    /** {@code argb}: {@code width × height} pixels, row by row, as 0xAARRGGBB (alpha is left out). */
    static void write(int width, int height, int[] argb, OutputStream out) throws IOException {
        if (width <= 0 || height <= 0 || argb.length != width * height) {
            throw new IllegalArgumentException(width + "×" + height + " pixels, " + argb.length + " given");
        }
        DataOutputStream png = new DataOutputStream(out);
        png.write(SIGNATURE);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream fields = new DataOutputStream(header);
        fields.writeInt(width);
        fields.writeInt(height);
        fields.writeByte(8); // bits per channel
        fields.writeByte(2); // colour type: RGB
        fields.writeByte(0); // compression: deflate
        fields.writeByte(0); // filter method: adaptive (one filter byte a row)
        fields.writeByte(0); // not interlaced
        chunk(png, "IHDR", header.toByteArray());
        chunk(png, "IDAT", compressedRows(width, height, argb));
        chunk(png, "IEND", new byte[0]);
        png.flush();
    }

    private static byte[] compressedRows(int width, int height, int[] argb) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
            byte[] row = new byte[1 + width * 3];
            row[0] = FILTER_SUB;
            for (int y = 0; y < height; y++) {
                int left = 0;
                for (int x = 0, at = 1; x < width; x++, at += 3) {
                    int pixel = argb[y * width + x];
                    row[at] = (byte) ((pixel >> 16) - (left >> 16));
                    row[at + 1] = (byte) ((pixel >> 8) - (left >> 8));
                    row[at + 2] = (byte) (pixel - left);
                    left = pixel;
                }
                zlib.write(row);
            }
        } finally {
            deflater.end();
        }
        return compressed.toByteArray();
    }

    private static void chunk(DataOutputStream png, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeInt(data.length);
        png.write(name);
        png.write(data);
        png.writeInt((int) crc.getValue());
    }
}
