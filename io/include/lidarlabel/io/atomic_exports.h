#pragma once
// The KITTI exports as one transaction over their destination (writeFolderAtomic): the exporter
// writes into a staging folder and the result replaces outDir in one step, so a failure at any
// frame (a missing calib, a bad box) leaves outDir byte-for-byte as it was -- including label_2/
// and calib/ of a previous export, which exportKittiObject alone replaces one after the other.
#include <functional>
#include <string>

#include "lidarlabel/io/kitti_object.h"
#include "lidarlabel/io/kitti_tracking.h"

namespace lidarlabel {

// exportKittiObject; label_2/ and calib/ are replaced as wholes, other files kept.
KittiExportReport exportKittiObjectAtomically(
    const Sequence& sequence, const std::string& outDir, const Ontology& ontology,
    const KittiExportSettings& settings, const std::function<void(std::size_t)>& progress = {});

// exportKittiTracking; label_02/<name>.txt and calib/<name>.txt replaced, other sequences kept.
KittiTrackingRows exportKittiTrackingAtomically(const Sequence& sequence, const std::string& outDir,
                                                const Ontology& ontology,
                                                const KittiTrackingExportSettings& settings);

}  // namespace lidarlabel
