/**
 * The Modbus register-map format shared by the device simulators and the edge gateway.
 *
 * <p>A {@link io.plantline.registermap.RegisterMap} lists the {@link
 * io.plantline.registermap.PointDefinition points} of one device type: where each lives ({@link
 * io.plantline.registermap.RegisterAddress}), how its bytes are laid out ({@link
 * io.plantline.registermap.DataType}, {@link io.plantline.registermap.ByteWordOrder}) and how raw
 * values scale to engineering units. {@link io.plantline.registermap.RegisterMaps} reads and
 * validates maps from YAML; {@link io.plantline.registermap.PointCodec} converts between
 * engineering values and registers. The package depends on Jackson only, never on a Modbus driver
 * or a framework.
 */
package io.plantline.registermap;
