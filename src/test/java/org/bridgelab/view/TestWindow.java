package org.bridgelab.view;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** The main window as the app shows it (1366×768, its stylesheet and shortcuts), for TestFX tests. */
final class TestWindow {
    private TestWindow() {}

    /** Shows {@code model}'s window on {@code stage}, in English. */
    static MainWindow show(Stage stage, LabViewModel model) {
        MainWindow window = new MainWindow(model, new I18n(I18n.ENGLISH));
        Scene scene = new Scene(window, 1366, 768);
        scene.getStylesheets().add(Resources.url("assets/bridgelab.css"));
        window.installShortcuts(scene);
        stage.setScene(scene);
        stage.show();
        return window;
    }

    /** Releases the lab behind the window and stops its worker, once the FX thread is done with them. */
    static void close(LabViewModel model, FxTaskExecutor executor) {
        if (model != null) {
            model.dispose();
        }
        WaitForAsyncUtils.waitForFxEvents();
        executor.close();
    }
}
