package org.bridgelab.view;

import java.util.List;
import javafx.beans.Observable;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Path;
import javafx.scene.text.Text;
import org.bridgelab.capture.TimelineRow;

/**
 * The selected packet in detail: a tree of its layers and fields (with its netfilter path in words) beside
 * its bytes in hex and ASCII, where the field selected in the tree is highlighted. Only the selected packet
 * is decoded, when it is selected or the language changes.
 */
public final class PacketDetailView extends BorderPane {
    private final PacketTimelineViewModel model;
    private final I18n i18n;
    private final PacketDetailLines lines;
    private final TreeView<DetailLine> tree = new TreeView<>();
    private final Label placeholder = new Label();
    private final Text hex = new Text();
    private final Group highlights = new Group();
    private HexDump dump = new HexDump(new byte[0]);
    private TimelineRow shown;

    public PacketDetailView(PacketTimelineViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
        this.lines = new PacketDetailLines(i18n);
        createView();
        initListeners();
    }

    private void createView() {
        getStyleClass().add("packet-detail");
        getStylesheets().add(Resources.url("assets/packet-detail.css"));
        tree.setId("packet-details");
        tree.getStyleClass().add("detail-tree");
        tree.setCellFactory(view -> new LineCell());
        placeholder.getStyleClass().add("hint");
        placeholder.textProperty().bind(i18n.text("timeline.details"));
        placeholder.setWrapText(true);
        StackPane left = new StackPane(tree, placeholder);
        hex.getStyleClass().add("hex-dump");
        hex.setTextOrigin(VPos.TOP);
        highlights.setMouseTransparent(true);
        StackPane bytes = new StackPane(new Group(highlights, hex));
        bytes.setAlignment(Pos.TOP_LEFT);
        bytes.getStyleClass().add("hex-pane");
        ScrollPane scroll = new ScrollPane(bytes);
        scroll.setId("packet-bytes");
        scroll.getStyleClass().add("hex-scroll");
        SplitPane split = new SplitPane(left, scroll);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.55);
        setCenter(split);
    }

    private void initListeners() {
        model.selectedProperty().addListener((obs, was, row) -> showFx(row));
        i18n.languageProperty()
                .addListener((Observable obs) -> showFx(model.selectedProperty().get()));
        tree.getSelectionModel()
                .selectedItemProperty()
                .addListener((obs, was, item) -> highlightFx(item == null ? null : item.getValue()));
        showFx(model.selectedProperty().get());
    }

    private void showFx(TimelineRow row) {
        // a language switch rewords the same packet: the line the learner chose stays chosen
        int keep = row != null && row == shown ? tree.getSelectionModel().getSelectedIndex() : -1;
        shown = row;
        placeholder.setVisible(row == null);
        tree.setVisible(row != null);
        if (row == null) {
            tree.setRoot(null);
            dump = new HexDump(new byte[0]);
            hex.setText("");
            highlightFx(null);
            return;
        }
        var bytes = model.bytes(row);
        DetailLine root = lines.of(
                row, model.natOf(row), model.passport(row), model.conntrack(row), model.netfilterPath(row), bytes);
        dump = new HexDump(bytes.orElse(new byte[0]));
        hex.setText(dump.text());
        tree.setRoot(item(root));
        highlightFx(null);
        if (keep >= 0) {
            tree.getSelectionModel().select(keep);
        }
    }

    private static TreeItem<DetailLine> item(DetailLine line) {
        TreeItem<DetailLine> item = new TreeItem<>(line);
        line.children().forEach(child -> item.getChildren().add(item(child)));
        item.setExpanded(line.kind() != DetailLine.Kind.FIELD);
        return item;
    }

    /** Puts a shape behind the selected line's bytes, in the hex and the ASCII column. */
    private void highlightFx(DetailLine line) {
        highlights.getChildren().clear();
        if (line == null || !line.hasBytes()) {
            return;
        }
        hex.applyCss();
        List<int[]> ranges = dump.ranges(line.offset(), line.length());
        for (int[] range : ranges) {
            Path shape = new Path(hex.rangeShape(range[0], range[1]));
            shape.getStyleClass().add("hex-highlight");
            highlights.getChildren().add(shape);
        }
    }

    /** A tree line styled by what it is: a layer, a field, a wrong checksum, a netfilter step. */
    private static final class LineCell extends TreeCell<DetailLine> {
        private static final List<String> KINDS = java.util.Arrays.stream(DetailLine.Kind.values())
                .map(kind -> DetailLine.of("", kind).styleClass())
                .toList();

        @Override
        protected void updateItem(DetailLine line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll(KINDS);
            if (empty || line == null) {
                setText(null);
                return;
            }
            setText(line.text());
            getStyleClass().add(line.styleClass());
        }
    }
}
