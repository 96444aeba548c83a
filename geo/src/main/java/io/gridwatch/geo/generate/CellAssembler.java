package io.gridwatch.geo.generate;

import io.gridwatch.geo.crs.LocalProjection;
import io.gridwatch.geo.model.GridException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.ItemBoundable;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Turns faces into cells: each face goes to the site whose Voronoi cell holds it (its nearest
 * site), then each site's faces are made edge-connected, and each site's faces are unioned into
 * its cell. Stateless and thread-safe.
 */
final class CellAssembler {

    private CellAssembler() {
    }

    /**
     * @param sites cell sites in metres; cell {@code i} belongs to {@code sites.get(i)}
     * @throws GridException when a site ends up without any face (two sites within the precision
     *     grid of each other), which the sampler makes practically impossible
     */
    static Layer assemble(Faces faces, List<Coordinate> sites, LocalProjection projection) {
        int[] cellOf = connect(faces, nearestSites(faces.graph(), sites), sites.size());
        int[] facesPerCell = new int[sites.size()];
        List<Polygon> polygons = new ArrayList<>(faces.size());
        for (int f = 0; f < faces.size(); f++) {
            facesPerCell[cellOf[f]]++;
            polygons.add(faces.polygon(f));
        }
        for (int s = 0; s < sites.size(); s++) {
            if (facesPerCell[s] == 0) {
                throw new GridException("cell site " + s + " got no area; try another seed");
            }
        }
        return new Layer(polygons, faces.graph()).merge(cellOf, sites.size(), projection, "cell");
    }

    private static int[] nearestSites(AdjacencyGraph faceGraph, List<Coordinate> sites) {
        STRtree index = new STRtree();
        for (int s = 0; s < sites.size(); s++) {
            Coordinate c = sites.get(s);
            index.insert(new Envelope(c), s);
        }
        int[] owner = new int[faceGraph.size()];
        for (int f = 0; f < faceGraph.size(); f++) {
            Coordinate p = new Coordinate(faceGraph.x(f), faceGraph.y(f));
            Object nearest = index.nearestNeighbour(new Envelope(p), -1, (ItemBoundable a, ItemBoundable b) -> {
                Coordinate ca = pointOf(a, p, sites);
                Coordinate cb = pointOf(b, p, sites);
                return ca.distance(cb);
            });
            owner[f] = (Integer) nearest;
        }
        return owner;
    }

    private static Coordinate pointOf(ItemBoundable boundable, Coordinate query, List<Coordinate> sites) {
        int s = (Integer) boundable.getItem();
        return s < 0 ? query : sites.get(s);
    }

    /**
     * Keeps each site's largest edge-connected group of faces and hands every other group to the
     * neighbouring cell with which it shares the longest edge. Concave stretches of the boundary can
     * cut a Voronoi cell in two; without this the cell would be a MultiPolygon.
     */
    private static int[] connect(Faces faces, int[] owner, int siteCount) {
        AdjacencyGraph graph = faces.graph();
        int n = faces.size();
        int[] piece = new int[n];
        Arrays.fill(piece, -1);
        List<List<Integer>> pieces = new ArrayList<>();
        int[] mainPiece = new int[siteCount];
        Arrays.fill(mainPiece, -1);
        List<Double> pieceArea = new ArrayList<>();
        for (int start = 0; start < n; start++) {
            if (piece[start] >= 0) {
                continue;
            }
            int id = pieces.size();
            List<Integer> members = new ArrayList<>();
            double area = 0;
            Deque<Integer> queue = new ArrayDeque<>(List.of(start));
            piece[start] = id;
            while (!queue.isEmpty()) {
                int f = queue.poll();
                members.add(f);
                area += faces.area(f);
                for (int nb : graph.neighbours(f)) {
                    if (piece[nb] < 0 && owner[nb] == owner[start]) {
                        piece[nb] = id;
                        queue.add(nb);
                    }
                }
            }
            pieces.add(members);
            pieceArea.add(area);
            int site = owner[start];
            if (mainPiece[site] < 0 || area > pieceArea.get(mainPiece[site])) {
                mainPiece[site] = id;
            }
        }
        int[] cellOf = new int[n];
        Arrays.fill(cellOf, -1);
        List<List<Integer>> orphans = new ArrayList<>();
        for (int id = 0; id < pieces.size(); id++) {
            int site = owner[pieces.get(id).get(0)];
            if (mainPiece[site] == id) {
                pieces.get(id).forEach(f -> cellOf[f] = site);
            } else {
                orphans.add(pieces.get(id));
            }
        }
        adopt(orphans, cellOf, graph);
        return cellOf;
    }

    /** Repeatedly gives each orphan piece touching a cell to the cell it shares most edge with. */
    private static void adopt(List<List<Integer>> orphans, int[] cellOf, AdjacencyGraph graph) {
        while (!orphans.isEmpty()) {
            boolean progress = false;
            for (var it = orphans.iterator(); it.hasNext(); ) {
                List<Integer> orphan = it.next();
                Map<Integer, Double> sharedWith = new TreeMap<>();
                for (int f : orphan) {
                    int[] neighbours = graph.neighbours(f);
                    double[] lengths = graph.sharedLengths(f);
                    for (int k = 0; k < neighbours.length; k++) {
                        if (cellOf[neighbours[k]] >= 0) {
                            sharedWith.merge(cellOf[neighbours[k]], lengths[k], Double::sum);
                        }
                    }
                }
                if (sharedWith.isEmpty()) {
                    continue; // surrounded by other orphans for now; a later round reaches it
                }
                int adopter = -1;
                double longest = -1;
                for (Map.Entry<Integer, Double> e : sharedWith.entrySet()) {
                    if (e.getValue() > longest) {
                        longest = e.getValue();
                        adopter = e.getKey();
                    }
                }
                for (int f : orphan) {
                    cellOf[f] = adopter;
                }
                it.remove();
                progress = true;
            }
            if (!progress) {
                throw new GridException("faces of the boundary are not edge-connected");
            }
        }
    }
}
