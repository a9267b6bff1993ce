package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The screenshot's PNG, read back by another decoder (the JDK's ImageIO) pixel for pixel. */
class PngFileTest {

    @Test
    void every_pixel_reads_back_as_written_with_its_alpha_left_out() throws Exception {
        // given: a 7×5 picture of colours that differ from their left neighbour up and down, wrapping round 0
        int width = 7;
        int height = 5;
        int[] argb = new int[width * height];
        Random random = new Random(42);
        for (int i = 0; i < argb.length; i++) {
            argb[i] = random.nextInt();
        }
        argb[0] = 0xff000000;
        argb[1] = 0x80ffffff;

        // when:
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngFile.write(width, height, argb, out);

        // then:
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(read.getWidth()).isEqualTo(width);
        assertThat(read.getHeight()).isEqualTo(height);
        assertThat(read.getColorModel().hasAlpha()).isFalse();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                assertThat(read.getRGB(x, y) & 0xffffff)
                        .as("pixel %d,%d", x, y)
                        .isEqualTo(argb[y * width + x] & 0xffffff);
            }
        }
    }

    @Test
    void a_window_of_flat_colours_compresses_to_a_small_file() throws Exception {
        // given: 1366×768 of one background with a band of another, as a window mostly is
        int width = 1366;
        int height = 768;
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = (i / width) % 100 < 20 ? 0xff2a6ebb : 0xfff4f4f4;
        }

        // when:
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngFile.write(width, height, argb, out);

        // then: a few kB rather than the 3 MB of raw RGB
        assertThat(out.size()).isLessThan(40_000);
        assertThat(ImageIO.read(new ByteArrayInputStream(out.toByteArray())).getRGB(5, 10) & 0xffffff)
                .isEqualTo(0x2a6ebb);
    }

    @Test
    void pixels_that_do_not_fill_the_size_are_refused() {
        assertThatThrownBy(() -> PngFile.write(3, 2, new int[5], new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3×2");
    }
}
