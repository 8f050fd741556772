// metrics_support.cpp: kernel queries added for src/metrics (the cadcoder protocol's principal-axes
// normalization): a solid's volume, centre of mass and matrix of inertia in one pass.
#include "kernel_internal.hpp"

#include <BRepGProp.hxx>
#include <GProp_GProps.hxx>
#include <gp_Mat.hxx>

extern "C" int zk_volume_inertia(const zk_shape *s, double *volume, zk_vec *center, double inertia[9]) {
    return zk::guard<int>(-1, [&] {
        GProp_GProps props;
        BRepGProp::VolumeProperties(zk::get(s), props);
        gp_Mat m = props.MatrixOfInertia();
        if (volume) *volume = props.Mass();
        if (center) *center = zk::from(props.CentreOfMass());
        if (inertia)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++) inertia[3 * i + j] = m.Value(i + 1, j + 1);
        return 0;
    });
}
