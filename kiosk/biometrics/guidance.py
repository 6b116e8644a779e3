"""What to tell the citizen in front of the camera, as stable message codes.

The core decides *what* to say (a code); the screen words it in the citizen's language
(`ui/` translates codes through Qt). `MESSAGES` holds the reference wording in the three
languages the kiosk speaks: the CLI prints it, the voice guidance can read it, and the
UI's translators start from it. Directions are as the citizen sees them in the mirrored
preview ("move left" = towards their own left).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.biometrics.detection import FaceFinding

# code -> (English, 简体中文, Tiếng Việt)
MESSAGES: dict[str, tuple[str, str, str]] = {
    "ok": ("Perfect. Hold still.", "很好，请保持不动。", "Rất tốt. Xin giữ yên."),
    "no_face": ("Look at the camera.", "请看向摄像头。", "Xin nhìn vào camera."),
    "one_person_only": ("Only one person in front of the camera, please.", "请保持镜头前只有一人。",
                        "Chỉ một người trước camera."),
    "come_closer": ("Come a little closer.", "请靠近一点。", "Xin lại gần hơn một chút."),
    "move_back": ("Move back a little.", "请后退一点。", "Xin lùi lại một chút."),
    "move_left": ("Move a little to your left.", "请向左移动一点。", "Xin dịch sang trái một chút."),
    "move_right": ("Move a little to your right.", "请向右移动一点。", "Xin dịch sang phải một chút."),
    "move_up": ("Raise your head a little, or stand up straight.", "请抬高一点或站直。",
                "Xin nâng đầu lên hoặc đứng thẳng."),
    "move_down": ("Lower your head a little.", "请稍微放低头部。", "Xin hạ thấp đầu một chút."),
    "look_straight": ("Look straight at the camera.", "请正视摄像头。", "Xin nhìn thẳng vào camera."),
    "chin_up": ("Lift your chin a little.", "请稍微抬起下巴。", "Xin nâng cằm lên một chút."),
    "chin_down": ("Lower your chin a little.", "请稍微收下巴。", "Xin hạ cằm xuống một chút."),
    "straighten_head": ("Keep your head upright.", "请保持头部端正。", "Xin giữ đầu thẳng."),
    "remove_glasses": ("Please take off your glasses.", "请摘下眼镜。", "Xin tháo kính ra."),
    "remove_head_covering": ("Please take off your hat or head covering.", "请摘下帽子或头饰。",
                             "Xin bỏ mũ hoặc khăn trùm đầu."),
    "open_eyes": ("Keep your eyes open.", "请睁开眼睛。", "Xin mở mắt."),
    "close_mouth": ("Close your mouth and keep a neutral face.", "请闭上嘴，保持自然表情。",
                    "Xin ngậm miệng, giữ nét mặt tự nhiên."),
    "more_light": ("It is too dark here. Step into the light.", "光线太暗，请站到光亮处。",
                   "Quá tối. Xin đứng ra chỗ sáng hơn."),
    "less_light": ("Too much light on your face.", "脸部光线过强。", "Ánh sáng trên mặt quá mạnh."),
    "light_uneven": ("Your face is lit unevenly. Face the screen squarely.", "脸部光线不均匀，请正对屏幕。",
                     "Ánh sáng trên mặt không đều. Xin quay thẳng vào màn hình."),
    "plain_background": ("Stand in front of the plain background.", "请站在纯色背景前。",
                         "Xin đứng trước phông nền trơn."),
    "hold_still": ("Hold still.", "请保持不动。", "Xin giữ yên."),
    "blink": ("Blink slowly once.", "请慢慢眨一下眼。", "Xin chớp mắt chậm một lần."),
    "turn_left": ("Slowly turn your head to your left.", "请慢慢向左转头。", "Xin từ từ quay đầu sang trái."),
    "turn_right": ("Slowly turn your head to your right.", "请慢慢向右转头。", "Xin từ từ quay đầu sang phải."),
    "turn_head": ("Slowly turn your head to one side.", "请慢慢向一侧转头。", "Xin từ từ quay đầu sang một bên."),
    "turn_back": ("Now look at the camera again.", "请再看向摄像头。", "Bây giờ xin nhìn lại vào camera."),
}
LANGUAGE_INDEX = {"en": 0, "zh_CN": 1, "vi": 2}


def message(code: str, language: str = "en") -> str:
    """The reference sentence for a code (the code itself if it has none)."""
    texts = MESSAGES.get(code)
    if texts is None:
        return code
    return texts[LANGUAGE_INDEX.get(language, 0)]


# The guide oval as shares of the picture; matches the camera view's oval (ui.widgets).
OVAL_CENTRE = (0.5, 0.41)
OVAL_HEIGHT = 0.66
CENTRE_TOLERANCE = 0.12       # eye midpoint may be this share of the width/height off centre
FACE_HEIGHT_RANGE = (0.25, 0.7)
YAW_LIMIT, PITCH_LIMIT = 15.0, 15.0
PITCH_OFFSET_DEG = -7.0       # see portrait_rules.PITCH_OFFSET_DEG


@dataclass(frozen=True)
class Guidance:
    code: str                                                  # what to say now ("ok" when nothing)
    face_box: tuple[float, float, float, float] | None = None  # x, y, w, h in frame pixels


def guide(finding: FaceFinding) -> Guidance:
    """Distance, centring and pose, for the face check (the portrait adds its rules)."""
    if finding.face_count == 0 or finding.face is None:
        return Guidance("one_person_only" if finding.face_count > 1 else "no_face")
    face = finding.face
    box = face.box
    if finding.face_count > 1:
        return Guidance("one_person_only", box)
    w, h = finding.image_size
    share = face.face_height / h
    if share < FACE_HEIGHT_RANGE[0]:
        return Guidance("come_closer", box)
    if share > FACE_HEIGHT_RANGE[1]:
        return Guidance("move_back", box)
    cx, cy = (float(v) for v in face.eye_midpoint)
    dx, dy = cx / w - OVAL_CENTRE[0], cy / h - (OVAL_CENTRE[1] - 0.04)
    if abs(dx) > CENTRE_TOLERANCE or abs(dy) > CENTRE_TOLERANCE:
        if abs(dx) >= abs(dy):
            # a face on the (unmirrored) image's left stands off to the citizen's own right
            return Guidance("move_left" if dx < 0 else "move_right", box)
        return Guidance("move_down" if dy < 0 else "move_up", box)
    pose = face.pose
    if abs(pose.yaw) > YAW_LIMIT:
        return Guidance("look_straight", box)
    pitch = pose.pitch - PITCH_OFFSET_DEG
    if abs(pitch) > PITCH_LIMIT:
        return Guidance("chin_up" if pitch < 0 else "chin_down", box)
    return Guidance("ok", box)
